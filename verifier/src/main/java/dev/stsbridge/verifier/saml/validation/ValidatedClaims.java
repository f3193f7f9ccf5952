package dev.stsbridge.verifier.saml.validation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.iam.SamlProvider;
import dev.stsbridge.verifier.saml.SamlNames;
import dev.stsbridge.verifier.saml.StsErrors;

/**
 * Step "validate" done: what a verified, currently valid assertion for {@link #provider()} claims. Only
 * {@link AssertionValidator} makes one.
 */
public final class ValidatedClaims {
    private final SamlProvider provider;
    private final String assertionId;
    private final String issuer;
    private final String nameId;
    private final Optional<String> nameIdFormat;
    private final String recipient;
    private final Optional<Instant> sessionNotOnOrAfter;
    private final AwsAttributes attributes;
    private final List<String> warnings;
    private final Instant expires;
    private volatile String nameQualifier;

    ValidatedClaims(SamlProvider provider, String assertionId, String issuer, String nameId,
                    Optional<String> nameIdFormat, String recipient, Optional<Instant> sessionNotOnOrAfter,
                    AwsAttributes attributes, List<String> warnings, Instant expires) {
        this.provider = provider;
        this.assertionId = assertionId;
        this.issuer = issuer;
        this.nameId = nameId;
        this.nameIdFormat = nameIdFormat;
        this.recipient = recipient;
        this.sessionNotOnOrAfter = sessionNotOnOrAfter;
        this.attributes = attributes;
        this.warnings = List.copyOf(warnings);
        this.expires = expires;
    }

    /** When the assertion stops being valid (Conditions NotOnOrAfter plus the clock skew). */
    Instant expires() { return expires; }

    /** The provider whose keys verified the assertion and whose entity ID issued it. */
    public SamlProvider provider() { return provider; }

    public String assertionId() { return assertionId; }

    public String issuer() { return issuer; }

    /** The NameID text ({@code Subject}, {@code saml:sub}). */
    public String nameId() { return nameId; }

    /** {@code SubjectType} / {@code saml:sub_type}: the NameID Format with the SAML 2.0 prefix removed. */
    public String subjectType() {
        String format = nameIdFormat.orElse("urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified");
        return format.startsWith(SamlNames.NAMEID_FORMAT_PREFIX)
                ? format.substring(SamlNames.NAMEID_FORMAT_PREFIX.length()) : format;
    }

    /**
     * {@code NameQualifier} / {@code saml:namequalifier}: Base64(SHA1(Issuer + account ID + "/" + provider name)), the
     * pseudocode form of AWS's documentation (../shared/AWS-SAML.md §4, §5.1).
     */
    public String nameQualifier() {
        String computed = nameQualifier;
        if (computed == null) {
            computed = sha1Base64(issuer + provider.accountId() + "/" + provider.name());
            nameQualifier = computed;
        }
        return computed;
    }

    private static String sha1Base64(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }

    /** SubjectConfirmationData Recipient ({@code Audience} in the result, {@code saml:aud}). */
    public String recipient() { return recipient; }

    public Optional<Instant> sessionNotOnOrAfter() { return sessionNotOnOrAfter; }

    /** Every attribute of the assertion: name -> values. */
    public Map<String, List<String>> attributes() { return attributes.all(); }

    /** The role pairs of the {@code Role} attribute, in assertion order. */
    public List<RolePair> rolePairs() { return attributes.rolePairs(); }

    public String roleSessionName() { return attributes.roleSessionName(); }

    public Optional<String> sourceIdentity() { return attributes.sourceIdentity(); }

    /** The {@code SessionDuration} attribute, 900-43200. */
    public Optional<Integer> sessionDuration() { return attributes.sessionDuration(); }

    public SessionTags sessionTags() { return attributes.tags(); }

    /** Weak algorithms accepted on the way, for the audit log. */
    public List<String> warnings() { return warnings; }

    /**
     * The role pair the caller asked for; {@code AccessDenied} when the assertion does not carry it (role and
     * provider ARNs compare exactly; the order inside the attribute value does not matter).
     */
    public RolePair requirePair(String roleArn, String providerArn) {
        return rolePairs().stream()
                .filter(pair -> pair.roleArn().equals(roleArn) && pair.providerArn().equals(providerArn))
                .findFirst()
                .orElseThrow(() -> new AwsException(StsErrors.notAuthorized()));
    }
}
