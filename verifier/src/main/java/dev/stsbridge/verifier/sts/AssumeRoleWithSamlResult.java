package dev.stsbridge.verifier.sts;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code AssumeRoleWithSAMLResult}, field by field as ../shared/AWS-SAML.md §1.1 defines them.
 *
 * @param credentials the temporary credentials
 * @param grant the session (assumed-role ARN and ID, tags, source identity)
 * @param packedPolicySize percent of the packed session policy and tags limit
 * @param subject the NameID text
 * @param subjectType the NameID Format, SAML 2.0 prefix removed
 * @param issuer the assertion's Issuer
 * @param audience the SubjectConfirmationData Recipient
 * @param nameQualifier Base64(SHA1(issuer + account + "/" + provider name))
 * @param sourceIdentity the SourceIdentity attribute, if any
 */
public record AssumeRoleWithSamlResult(TemporaryCredentials credentials, SessionGrant grant, int packedPolicySize,
                                       String subject, String subjectType, String issuer, String audience,
                                       String nameQualifier, Optional<String> sourceIdentity) {
    public AssumeRoleWithSamlResult {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(subjectType, "subjectType");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(nameQualifier, "nameQualifier");
        Objects.requireNonNull(sourceIdentity, "sourceIdentity");
    }
}
