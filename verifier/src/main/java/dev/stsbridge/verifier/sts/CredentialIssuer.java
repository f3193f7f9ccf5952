package dev.stsbridge.verifier.sts;

import java.util.Optional;

/** Mints temporary credentials for a granted session and remembers them, so that they can sign later calls. */
public interface CredentialIssuer {

    TemporaryCredentials issue(SessionGrant grant);

    /** The session an access key ID stands for, if it was issued here (expired ones included). */
    Optional<IssuedSession> find(String accessKeyId);

    /** Credentials and the session they stand for. */
    record IssuedSession(TemporaryCredentials credentials, SessionGrant grant) {
    }
}
