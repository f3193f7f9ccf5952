package dev.stsbridge.verifier.query;

import java.util.Optional;
import java.util.function.Predicate;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.auth.AuthorizationHeader;

/**
 * Request body caps, decided from the headers before any byte of the body is read. The Query endpoint takes two
 * kinds of request: STS's (AssumeRoleWithSAML carries at most a 100,000-character assertion, about 300 KB
 * form-encoded in the worst case) and IAM's, where {@code SAMLMetadataDocument} may hold 10,000,000 characters
 * (about 30 MB form-encoded if every character is a reserved one). So:
 * <ul>
 *   <li>{@link #DEFAULT_LIMIT} (1 MiB) for every request, unless</li>
 *   <li>the request is signed for the {@code iam} service with an access key this model knows: then
 *       {@link #IAM_LIMIT} (32 MiB), enough for any mostly-ASCII 10,000,000-character metadata document.</li>
 * </ul>
 * A larger body is refused with HTTP 413 before it is parsed. When {@code Content-Length} says so, it is refused
 * without reading it if it is more than {@link #DRAIN_ALLOWANCE} over the cap; a body less far over is read and
 * dropped first, so that a client still sending it gets the 413 rather than a connection reset. (AWS's own answer to an oversize body is undocumented; the code {@code RequestEntityTooLarge} is our choice.)
 */
public record BodyLimits(int defaultLimit, int iamLimit) {

    public static final int DEFAULT_LIMIT = 1 << 20;
    public static final int IAM_LIMIT = 32 << 20;
    /** How far over its cap a declared body may be and still be read (and dropped) before the 413. */
    public static final int DRAIN_ALLOWANCE = 4 << 20;

    public BodyLimits {
        if (defaultLimit < 1 || iamLimit < defaultLimit) {
            throw new IllegalArgumentException("limits must be positive, the IAM limit at least the default");
        }
    }

    public static BodyLimits standard() {
        return new BodyLimits(DEFAULT_LIMIT, IAM_LIMIT);
    }

    /**
     * @param authorization the request's Authorization header, if any (may be null: straight from Jetty)
     * @param knownKey whether an access key ID is known to this model
     */
    int limitFor(String authorization, Predicate<String> knownKey) {
        Optional<String> header = Optional.ofNullable(authorization);
        boolean iam = header.flatMap(AuthorizationHeader::peekScope).filter(s -> "iam".equals(s.service())).isPresent();
        boolean known = header.flatMap(AuthorizationHeader::peekAccessKeyId).filter(knownKey).isPresent();
        return iam && known ? iamLimit : defaultLimit;
    }

    AwsException tooLarge(long size, int limit) {
        return AwsError.sender("RequestEntityTooLarge", "The request body of " + size + " bytes exceeds the limit of "
                + limit + " bytes for this request.", 413).exception();
    }
}
