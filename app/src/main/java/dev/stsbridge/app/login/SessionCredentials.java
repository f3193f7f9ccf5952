package dev.stsbridge.app.login;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Temporary AWS credentials from STS and whose they are.
 *
 * @param assumedRoleArn the session's ARN ({@code arn:aws:sts::111122223333:assumed-role/Admin/alice@example.com})
 */
public record SessionCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration,
                                 String assumedRoleArn) {

    public SessionCredentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(sessionToken, "sessionToken");
        Objects.requireNonNull(expiration, "expiration");
        Objects.requireNonNull(assumedRoleArn, "assumedRoleArn");
    }

    /** Whether they are still good for at least {@code margin} after {@code now}. */
    public boolean validAt(Instant now, java.time.Duration margin) {
        return expiration.isAfter(now.plus(margin));
    }

    /**
     * What a {@code credential_process} prints (AWS SDKs and CLI "Sourcing credentials with an external process"):
     * {@code Version} 1, the keys, and {@code Expiration} in ISO 8601, so that the SDK asks again before it.
     */
    public Map<String, Object> credentialProcessOutput() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Version", 1);
        out.put("AccessKeyId", accessKeyId);
        out.put("SecretAccessKey", secretAccessKey);
        out.put("SessionToken", sessionToken);
        out.put("Expiration", expiration.toString());
        return out;
    }

    @Override
    public String toString() {
        return "SessionCredentials[" + accessKeyId + ", " + assumedRoleArn + ", until " + expiration + "]";
    }
}
