package dev.stsbridge.verifier.auth;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An AWS account of the model and its long-term access key (the "root" credentials of the account).
 *
 * @param id the 12-digit account ID
 * @param alias the account alias, if any (shown by the console sign-in pages)
 * @param accessKeyId the access key ID, 16-128 word characters (AWS's {@code accessKeyIdType})
 * @param secretAccessKey the secret; never logged or rendered
 */
public record Account(String id, Optional<String> alias, String accessKeyId, String secretAccessKey) {

    private static final Pattern ID = Pattern.compile("\\d{12}");
    private static final Pattern KEY_ID = Pattern.compile("\\w{16,128}");
    private static final Pattern ALIAS = Pattern.compile("[a-z0-9](([a-z0-9]|-(?!-))*[a-z0-9])?");

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        require(ID.matcher(id).matches(), "account id must be 12 digits");
        require(alias.stream().allMatch(a -> a.length() >= 3 && a.length() <= 63 && ALIAS.matcher(a).matches()),
                "alias must be 3-63 lower-case letters, digits and single hyphens, not starting or ending with one");
        require(KEY_ID.matcher(accessKeyId).matches(), "access key id must be 16-128 letters, digits or underscores");
        require(!accessKeyId.startsWith("ASIA"), "access key id must not start with ASIA (reserved for temporary keys)");
        require(secretAccessKey.length() >= 16, "secret access key must be at least 16 characters");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The ARN of the account's root user, {@code arn:aws:iam::<id>:root}. */
    public String rootArn() {
        return "arn:aws:iam::" + id + ":root";
    }

    @Override
    public String toString() {
        return "Account[" + id + alias.map(a -> " (" + a + ")").orElse("") + ", " + accessKeyId + "]";
    }
}
