/**
 * The IAM model: SAML providers (metadata and private-key rules) and roles per account, kept in one persisted
 * snapshot; STS and the sign-in pages read it through {@link dev.stsbridge.verifier.iam.IamDirectory}.
 */
package dev.stsbridge.verifier.iam;
