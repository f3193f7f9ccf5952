/**
 * {@code stsbridge token}: an ID token from an OpenID Connect issuer for a native app, as RFC 8252 describes and
 * {@code aws sso login} does: a loopback redirect listener ({@link dev.stsbridge.app.token.LoopbackCallback}) ->
 * the authorization request with state, nonce and PKCE S256 opened in the browser
 * ({@link dev.stsbridge.app.token.AuthorizationCodeFlow}) -> the code redeemed at the token endpoint -> the ID token
 * checked with Nimbus against the issuer's JWKS ({@link dev.stsbridge.app.token.IdTokenCheck}), everything over TLS
 * trusted by {@link dev.stsbridge.app.token.IssuerTrust} (a certificate or a SHA-1 thumbprint, never "trust all").
 */
package dev.stsbridge.app.token;
