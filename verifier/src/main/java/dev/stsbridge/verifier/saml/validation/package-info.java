/**
 * Step "validate" of AssumeRoleWithSAML: from a {@link dev.stsbridge.verifier.saml.VerifiedAssertion} to
 * {@link dev.stsbridge.verifier.saml.validation.ValidatedClaims}: issuer, time, audience, subject confirmation,
 * NameID, the AWS attributes (Role, RoleSessionName, SourceIdentity, SessionDuration, PrincipalTag,
 * TransitiveTagKeys) and, when enabled, one-time use. Rules and messages: ../shared/AWS-SAML.md §2 and §3.
 */
package dev.stsbridge.verifier.saml.validation;
