/**
 * STS {@code AssumeRoleWithWebIdentity}: parse the compact JWS -> find the IAM OpenID Connect provider by {@code iss}
 * in the role's account -> fetch the issuer's keys over HTTPS trusted by the provider's thumbprints (loopback only) ->
 * verify the signature -> validate the claims -> trust policy through the one policy engine -> credentials. Each
 * stage returns a more trusted type.
 */
package dev.stsbridge.verifier.webidentity;
