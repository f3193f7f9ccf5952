/**
 * A local model of AWS's side of SAML federation: IAM SAML providers and roles, STS AssumeRoleWithSAML and the
 * console sign-in endpoint, speaking AWS's own Query protocol. Shares no code with the IdP modules (a test
 * enforces it), so that it is an independent second implementation of every check.
 */
package dev.stsbridge.verifier;
