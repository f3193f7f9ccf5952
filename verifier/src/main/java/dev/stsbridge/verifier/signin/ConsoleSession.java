package dev.stsbridge.verifier.signin;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import dev.stsbridge.verifier.sts.SessionGrant;

/**
 * A console sign-in: the role session and where the user wanted to go.
 *
 * @param id the opaque session ID in {@code /console?session=}
 * @param grant the role session (assumed-role ARN, tags, SourceIdentity, expiry)
 * @param accessKeyId the temporary credentials' key ID (the secret is never shown)
 * @param relayState the RelayState as posted, if any
 * @param signedInAt when the sign-in happened
 */
record ConsoleSession(String id, SessionGrant grant, String accessKeyId, Optional<String> relayState,
                      Instant signedInAt) {
    ConsoleSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(relayState, "relayState");
        Objects.requireNonNull(signedInAt, "signedInAt");
    }
}
