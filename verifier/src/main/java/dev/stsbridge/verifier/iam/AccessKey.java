package dev.stsbridge.verifier.iam;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's long-term access key. The secret is kept (SigV4 needs it to recompute signatures) but shown only once,
 * by CreateAccessKey; it is never logged or listed.
 *
 * @param accessKeyId {@code AKIA} + 16 characters of {@code [A-Z2-7]}
 * @param secretAccessKey 40 base64 characters
 * @param active {@code Active} ({@code true}) or {@code Inactive}
 * @param createDate when it was created
 */
public record AccessKey(String accessKeyId, String secretAccessKey, boolean active, Instant createDate) {
    public AccessKey {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(createDate, "createDate");
    }

    /** IAM's {@code statusType}. */
    public String status() {
        return active ? "Active" : "Inactive";
    }

    @Override
    public String toString() {
        return "AccessKey[" + accessKeyId + ", " + status() + "]"; // never the secret
    }
}
