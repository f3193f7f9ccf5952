/**
 * The OpenID Connect provider's HTTP side: discovery, JWKS, the authorization endpoint (login, second factor and
 * error redirects around {@code dev.stsbridge.idp.oidc}), the token endpoint (RFC 6749 §5 JSON) and userinfo.
 */
package dev.stsbridge.idp.web.oidc;
