/**
 * Steps 4 to 6 of the IdP flow: build the AWS SAML response ({@link dev.stsbridge.idp.assertion.AssertionFactory}),
 * sign it ({@link dev.stsbridge.idp.assertion.ResponseSigner}) and optionally encrypt its assertion
 * ({@link dev.stsbridge.idp.assertion.AssertionEncrypter}).
 */
package dev.stsbridge.idp.assertion;
