package dev.stsbridge.verifier.iam;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** IAM ARNs of the {@code aws} partition: building and reading them. */
public final class Arns {

    private static final Pattern SAML_PROVIDER = Pattern.compile("arn:aws:iam::(\\d{12}):saml-provider/([\\w._-]+)");
    private static final Pattern ROLE = Pattern.compile("arn:aws:iam::(\\d{12}):role(/(?:[\\x21-\\x7E]*/)?)([\\w+=,.@-]+)");

    private static final Pattern USER = Pattern.compile("arn:aws:iam::(\\d{12}):user(/(?:[\\x21-\\x7E]*/)?)([\\w+=,.@-]+)");

    private static final Pattern POLICY =
            Pattern.compile("arn:aws:iam::(\\d{12}|aws):policy(/(?:[\\x21-\\x7E]*/)?)([\\w+=,.@-]+)");

    private static final Pattern OIDC_PROVIDER = Pattern.compile("arn:aws:iam::(\\d{12}):oidc-provider/(\\S+)");

    private Arns() {
    }

    public static String samlProvider(String accountId, String name) {
        return "arn:aws:iam::" + accountId + ":saml-provider/" + name;
    }

    public static String role(String accountId, String path, String name) {
        return "arn:aws:iam::" + accountId + ":role" + path + name;
    }

    /** A SAML provider ARN's account and name. */
    public record ProviderName(String accountId, String name) {
    }

    public static Optional<ProviderName> parseSamlProvider(String arn) {
        Matcher m = SAML_PROVIDER.matcher(arn);
        return m.matches() ? Optional.of(new ProviderName(m.group(1), m.group(2))) : Optional.empty();
    }

    /** A role ARN's account, path and name. */
    public record RoleName(String accountId, String path, String name) {
    }

    public static Optional<RoleName> parseRole(String arn) {
        Matcher m = ROLE.matcher(arn);
        return m.matches() ? Optional.of(new RoleName(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }

    /** {@code arn:aws:iam::<account or aws>:policy<path><name>} */
    public static String policy(String owner, String path, String name) {
        return "arn:aws:iam::" + owner + ":policy" + path + name;
    }

    /** A managed policy ARN's owner (account ID or {@code aws}), path and name. */
    public record PolicyName(String owner, String path, String name) {
    }

    public static Optional<PolicyName> parsePolicy(String arn) {
        Matcher m = POLICY.matcher(arn);
        return m.matches() ? Optional.of(new PolicyName(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }

    public static String user(String accountId, String path, String name) {
        return "arn:aws:iam::" + accountId + ":user" + path + name;
    }

    /** A user ARN's account, path and name. */
    public record UserName(String accountId, String path, String name) {
    }

    public static Optional<UserName> parseUser(String arn) {
        Matcher m = USER.matcher(arn);
        return m.matches() ? Optional.of(new UserName(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }

    /** A virtual MFA device's serial number, {@code arn:aws:iam::<account>:mfa<path><name>}. */
    public static String mfa(String accountId, String path, String name) {
        return "arn:aws:iam::" + accountId + ":mfa" + path + name;
    }

    /** {@code arn:aws:iam::<account>:oidc-provider/<url without https://>} */
    public static String oidcProvider(String accountId, String urlWithoutScheme) {
        return "arn:aws:iam::" + accountId + ":oidc-provider/" + urlWithoutScheme;
    }

    /** An OpenID Connect provider ARN's account and URL (without {@code https://}). */
    public record OidcProviderName(String accountId, String url) {
    }

    public static Optional<OidcProviderName> parseOidcProvider(String arn) {
        Matcher m = OIDC_PROVIDER.matcher(arn);
        return m.matches() ? Optional.of(new OidcProviderName(m.group(1), m.group(2))) : Optional.empty();
    }
}
