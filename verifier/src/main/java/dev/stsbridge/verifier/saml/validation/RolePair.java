package dev.stsbridge.verifier.saml.validation;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One value of the {@code Role} attribute: a role ARN and a SAML provider ARN, written in either order and
 * separated by a comma; whitespace around each part is ignored.
 */
public record RolePair(String roleArn, String providerArn) {
    private static final Pattern ROLE = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/.+");
    private static final Pattern PROVIDER = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:saml-provider/.+");

    public RolePair {
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(providerArn, "providerArn");
    }

    /** The pair in {@code value}, or empty when it is not one role ARN and one provider ARN. */
    public static Optional<RolePair> parse(String value) {
        String[] parts = value.split(",", -1);
        if (parts.length != 2) {
            return Optional.empty();
        }
        String first = parts[0].strip();
        String second = parts[1].strip();
        if (ROLE.matcher(first).matches() && PROVIDER.matcher(second).matches()) {
            return Optional.of(new RolePair(first, second));
        }
        if (PROVIDER.matcher(first).matches() && ROLE.matcher(second).matches()) {
            return Optional.of(new RolePair(second, first));
        }
        return Optional.empty();
    }

    /** The account of the role. */
    public String roleAccount() {
        return roleArn.split(":")[4];
    }
}
