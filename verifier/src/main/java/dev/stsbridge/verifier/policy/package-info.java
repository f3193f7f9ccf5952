/**
 * Step "authorise" of AssumeRoleWithSAML: a small IAM policy language for role trust policies (parse, validate at
 * CreateRole, evaluate with the SAML request context of ../shared/AWS-SAML.md §4) and the session-policy checks
 * ({@code Policy}, {@code PolicyArns}, packed size). Hand-written: no maintained Java library evaluates IAM
 * policies; Jackson parses the JSON.
 */
package dev.stsbridge.verifier.policy;
