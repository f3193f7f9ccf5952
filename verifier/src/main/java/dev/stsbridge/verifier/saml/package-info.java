/**
 * Steps "decode", "parse safely", "decrypt" and "verify the signature" of AssumeRoleWithSAML: from the base64
 * text to a {@link dev.stsbridge.verifier.saml.VerifiedAssertion} that holds only the element a signature by one of
 * the provider's registered keys covers. Later steps read claims from that element only.
 */
package dev.stsbridge.verifier.saml;
