package dev.stsbridge.verifier.federation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;

import dev.stsbridge.verifier.sts.CredentialIssuer;
import dev.stsbridge.verifier.sts.SessionOrigin;
import dev.stsbridge.verifier.sts.CredentialIssuer.IssuedSession;
import dev.stsbridge.verifier.sts.SessionGrant;

/**
 * Verifies presented credentials with the STS that issued them: a temporary access key ID this verifier issued, the
 * same secret and session token (compared in constant time), not expired. Any failure is AWS's "Invalid credentials
 * parameter", without saying which part was wrong. GetSessionToken credentials are refused the same way: AWS's
 * federation endpoint takes only role sessions and GetFederationToken sessions.
 */
final class CredentialCheck {
    private final CredentialIssuer issuer;

    CredentialCheck(CredentialIssuer issuer) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
    }

    Verified verify(PresentedCredentials presented, Instant now) {
        IssuedSession issued = issuer.find(presented.sessionId())
                .orElseThrow(() -> FederationRefusal.invalidCredentials().exception());
        boolean secretMatches = same(issued.credentials().secretAccessKey(), presented.sessionKey());
        boolean tokenMatches = same(issued.credentials().sessionToken(), presented.sessionToken());
        boolean consoleSession = issued.grant().origin() != SessionOrigin.GET_SESSION_TOKEN;
        if (!(secretMatches & tokenMatches) || !issued.credentials().expiration().isAfter(now) || !consoleSession) {
            throw FederationRefusal.invalidCredentials().exception();
        }
        return new Verified(issued);
    }

    private static boolean same(String expected, String presented) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    /** Credentials that passed {@link #verify}: only this class makes one. */
    static final class Verified {
        private final IssuedSession session;

        private Verified(IssuedSession session) {
            this.session = session;
        }

        IssuedSession session() {
            return session;
        }

        SessionGrant grant() {
            return session.grant();
        }
    }
}
