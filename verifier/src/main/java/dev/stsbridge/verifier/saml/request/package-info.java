/**
 * Step "check the parameters" of AssumeRoleWithSAML: the Query-level constraints of the botocore model and the ARN
 * rules, with AWS's {@code ValidationError} wording (../shared/AWS-SAML.md §1.1, §2 rows 1-2).
 */
package dev.stsbridge.verifier.saml.request;
