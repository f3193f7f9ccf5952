package dev.stsbridge.verifier.webidentity;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.nimbusds.jwt.JWTClaimsSet;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.saml.StsErrors;
import dev.stsbridge.verifier.saml.validation.AwsAttributes;
import dev.stsbridge.verifier.saml.validation.SessionTags;

/**
 * Step "validate": the verified claims meet AWS's rules. {@code iss} is the provider's exactly; {@code aud} holds one
 * of the provider's audiences (client IDs), else {@code azp} is one (then {@code aud} becomes {@code :oaud}), else
 * AWS's "Incorrect token audience"; {@code exp} is required and, with the clock skew, after now (else AWS's
 * {@code ExpiredTokenException}); {@code nbf} and {@code iat} are not after now plus the skew; {@code sub} is present.
 * Session tags from {@code https://aws.amazon.com/tags} ({@code principal_tags}: key -> [value],
 * {@code transitive_tag_keys}) follow the same rules as SAML's; SourceIdentity from
 * {@code https://aws.amazon.com/source_identity}. Only {@link #validate} makes one.
 */
public final class ValidatedToken {
    public static final String TAGS_CLAIM = "https://aws.amazon.com/tags";
    public static final String SOURCE_IDENTITY_CLAIM = "https://aws.amazon.com/source_identity";

    private final WebIdentityProvider provider;
    private final String subject;
    private final String audience;
    private final List<String> originalAudiences;
    private final List<String> amr;
    private final SessionTags sessionTags;
    private final Optional<String> sourceIdentity;
    private final Optional<String> tokenId;

    private ValidatedToken(WebIdentityProvider provider, JWTClaimsSet claims, String audience,
                           List<String> originalAudiences, SessionTags sessionTags, Optional<String> sourceIdentity) {
        this.provider = provider;
        this.subject = claims.getSubject();
        this.audience = audience;
        this.originalAudiences = List.copyOf(originalAudiences);
        this.amr = strings(claims, "amr");
        this.sessionTags = sessionTags;
        this.sourceIdentity = sourceIdentity;
        this.tokenId = Optional.ofNullable(claims.getJWTID());
    }

    public static ValidatedToken validate(VerifiedToken token, Instant now, Duration skew) {
        JWTClaimsSet claims = token.claims();
        WebIdentityProvider provider = token.provider();
        if (!provider.issuer().equals(claims.getIssuer())) {
            throw WebIdentityErrors.noProvider(Objects.toString(claims.getIssuer()));
        }
        checkTimes(claims, now, skew);
        if (claims.getSubject() == null || claims.getSubject().isEmpty()) {
            throw WebIdentityErrors.invalid("The token has no sub claim.");
        }
        List<String> aud = Optional.ofNullable(claims.getAudience()).orElse(List.of());
        Optional<String> matched = aud.stream().filter(provider.audiences()).findFirst();
        String azp = string(claims, "azp").orElse("");
        if (matched.isEmpty() && !provider.audiences().test(azp)) {
            throw WebIdentityErrors.invalid(WebIdentityErrors.INCORRECT_AUDIENCE);
        }
        return new ValidatedToken(provider, claims, matched.orElse(azp), matched.isPresent() ? List.of() : aud,
                tags(claims), sourceIdentity(claims));
    }

    private static void checkTimes(JWTClaimsSet claims, Instant now, Duration skew) {
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw WebIdentityErrors.invalid("The token has no exp claim.");
        }
        if (!now.isBefore(exp.toInstant().plus(skew))) {
            throw WebIdentityErrors.expired(now.getEpochSecond(), exp.toInstant().getEpochSecond());
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().isAfter(now.plus(skew))) {
            throw WebIdentityErrors.invalid("The token is not valid before " + nbf.toInstant().getEpochSecond()
                    + " (nbf); the current date/time is " + now.getEpochSecond() + ".");
        }
        Date iat = claims.getIssueTime();
        if (iat != null && iat.toInstant().isAfter(now.plus(skew))) {
            throw WebIdentityErrors.invalid("The token was issued in the future: iat " + iat.toInstant().getEpochSecond()
                    + ", the current date/time is " + now.getEpochSecond() + ".");
        }
    }

    private static SessionTags tags(JWTClaimsSet claims) {
        Object claim = claims.getClaim(TAGS_CLAIM);
        if (claim == null) {
            return new SessionTags(Map.of(), List.of());
        }
        if (!(claim instanceof Map<?, ?> map)) {
            throw tagError("the " + TAGS_CLAIM + " claim must be a JSON object");
        }
        Map<String, List<String>> principalTags = new LinkedHashMap<>();
        Object principal = map.get("principal_tags");
        if (principal != null && !(principal instanceof Map<?, ?>)) {
            throw tagError("principal_tags must be a JSON object of key -> [value]");
        }
        if (principal instanceof Map<?, ?> tags) {
            tags.forEach((key, values) -> principalTags.put(String.valueOf(key), stringList(values)));
        }
        List<String> transitive = map.get("transitive_tag_keys") == null ? List.of()
                : stringList(map.get("transitive_tag_keys"));
        return AwsAttributes.checkedTags(principalTags, transitive);
    }

    private static List<String> stringList(Object value) {
        if (value instanceof String text) {
            return List.of(text);
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw tagError("tag values and transitive_tag_keys must be strings or lists of strings");
        }
        List<String> strings = new ArrayList<>();
        list.forEach(v -> strings.add((String) v));
        return strings;
    }

    private static Optional<String> sourceIdentity(JWTClaimsSet claims) {
        Object claim = claims.getClaim(SOURCE_IDENTITY_CLAIM);
        if (claim == null) {
            return Optional.empty();
        }
        if (!(claim instanceof String value) || !AwsAttributes.isSessionName(value)
                || value.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
            throw WebIdentityErrors.invalid(StsErrors.SOURCE_IDENTITY_PATTERN);
        }
        return Optional.of(value);
    }

    private static Optional<String> string(JWTClaimsSet claims, String name) {
        try {
            return Optional.ofNullable(claims.getStringClaim(name));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    private static List<String> strings(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        if (value instanceof String text) {
            return List.of(text);
        }
        if (value instanceof List<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }

    private static AwsException tagError(String why) {
        return AwsError.validation("Unable to validate tags: " + why).exception();
    }

    public WebIdentityProvider provider() { return provider; }

    public String subject() { return subject; }

    /** The audience that matched (an {@code aud} value, or {@code azp}). */
    public String audience() { return audience; }

    /** The token's {@code aud} values when {@code azp} matched instead ({@code :oaud}); else empty. */
    public List<String> originalAudiences() { return originalAudiences; }

    public List<String> amr() { return amr; }

    public SessionTags sessionTags() { return sessionTags; }

    public Optional<String> sourceIdentity() { return sourceIdentity; }

    /** {@code jti}, for logs. */
    public Optional<String> tokenId() { return tokenId; }
}
