/**
 * SP-initiated single sign-on ({@code /saml2/sso}, HTTP-Redirect and HTTP-POST bindings): the registered service
 * providers, the bindings' decoding (base64, bounded raw DEFLATE), the AuthnRequest checks (hardened parse, known
 * issuer, registered ACS, signature, freshness, replay) and the answer after the login.
 */
package dev.stsbridge.idp.web.sp;
