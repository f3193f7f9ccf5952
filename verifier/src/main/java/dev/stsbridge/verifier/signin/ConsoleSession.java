package dev.stsbridge.verifier.signin;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import dev.stsbridge.verifier.sts.SessionGrant;

/**
 * A console sign-in: the role session, where the user wanted to go and when the console session ends.
 *
 * @param id the opaque session ID in {@code /console?session=}
 * @param grant the role session (assumed-role ARN, tags, SourceIdentity, credentials' expiry)
 * @param accessKeyId the temporary credentials' key ID (the secret is never shown)
 * @param relayState the RelayState (SAML) or Destination (federation endpoint), if any
 * @param issuer the federation endpoint's {@code Issuer}: where the broker signs users in again, if given
 * @param signedInAt when the sign-in happened
 * @param expiration when the console session ends
 */
record ConsoleSession(String id, SessionGrant grant, String accessKeyId, Optional<String> relayState,
                      Optional<String> issuer, Instant signedInAt, Instant expiration) {
    ConsoleSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(relayState, "relayState");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(signedInAt, "signedInAt");
        Objects.requireNonNull(expiration, "expiration");
    }

    /** A SAML sign-in: the console session ends with the role session. */
    ConsoleSession(String id, SessionGrant grant, String accessKeyId, Optional<String> relayState, Instant signedInAt) {
        this(id, grant, accessKeyId, relayState, Optional.empty(), signedInAt, grant.expiration());
    }
}
