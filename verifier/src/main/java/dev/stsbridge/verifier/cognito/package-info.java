/**
 * Amazon Cognito identity pools (the {@code cognito-identity} JSON 1.1 API): pools and their roles, identities
 * (GetId), the built-in OpenID issuer {@code https://cognito-identity.amazonaws.com} (GetOpenIdToken, signed with the
 * verifier's own key) and the enhanced flow (GetCredentialsForIdentity), which assumes the pool's role through the
 * same AssumeRoleWithWebIdentity pipeline. Tokens in a {@code Logins} map go through that pipeline's validator.
 */
package dev.stsbridge.verifier.cognito;
