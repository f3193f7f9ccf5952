/** The IAM model: SAML providers and roles per account, their persistence, and the IAM Query actions. */
package dev.stsbridge.verifier.iam;
