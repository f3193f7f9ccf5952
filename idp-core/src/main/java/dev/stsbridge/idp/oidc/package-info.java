/**
 * The IdP as an OpenID Connect provider: its own RS256 signing key ring and JWKS ({@link OidcKeys}), the client
 * registry ({@link OidcClients}), the authorization request check ({@link AuthorizationRequests}), single-use
 * authorization codes and access tokens behind swappable stores ({@link AuthorizationCodeStore}, {@link
 * AccessTokenStore}: in memory on one node, in the shared PostgreSQL database on several), the token endpoint's flow
 * ({@link TokenService}: client authentication -> code redemption -> PKCE -> ID token) and the ID token itself
 * ({@link IdTokenFactory}, Nimbus JOSE+JWT), carrying the same AWS role and tag claims as the SAML assertion.
 */
package dev.stsbridge.idp.oidc;
