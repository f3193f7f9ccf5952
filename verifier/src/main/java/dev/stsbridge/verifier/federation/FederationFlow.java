package dev.stsbridge.verifier.federation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import dev.stsbridge.verifier.signin.ConsoleSessions;
import dev.stsbridge.verifier.sts.CredentialIssuer;
import dev.stsbridge.verifier.sts.SessionGrant;

/** The federation endpoint's two actions, each one readable method. */
final class FederationFlow {
    private final CredentialCheck credentials;
    private final SigninTokens tokens = new SigninTokens();
    private final ConsoleSessions sessions;
    private final Clock clock;

    FederationFlow(CredentialIssuer issuer, ConsoleSessions sessions, Clock clock) {
        this.credentials = new CredentialCheck(issuer);
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@code getSigninToken}: Session JSON -> credentials verified with STS -> SessionDuration -> a sign-in token. */
    IssuedToken getSigninToken(FederationParameters parameters) {
        Instant now = clock.instant();
        PresentedCredentials presented = PresentedCredentials.parse(parameters.required("Session"));
        CredentialCheck.Verified verified = credentials.verify(presented, now);
        Optional<Duration> length = ConsoleSessionDuration.validate(parameters.value("SessionDuration"),
                verified.grant());
        return new IssuedToken(tokens.issue(verified, length, now), verified.grant());
    }

    /** {@code login}: Destination -> the token redeemed once -> a console session. */
    SignedIn login(FederationParameters parameters) {
        Instant now = clock.instant();
        Optional<String> destination = ConsoleDestination.validate(parameters.value("Destination"));
        Optional<String> issuer = parameters.value("Issuer");
        SigninTokens.Pending pending = tokens.redeem(parameters.required("SigninToken"), now)
                .orElseThrow(() -> FederationRefusal.invalid("SigninToken").exception());
        Instant expiry = pending.consoleExpiry(now);
        if (!expiry.isAfter(now)) {
            throw FederationRefusal.invalid("SigninToken").exception(); // the credentials expired meanwhile
        }
        SessionGrant grant = pending.session().grant();
        String id = sessions.open(grant, pending.session().credentials().accessKeyId(), destination, issuer, now,
                expiry);
        return new SignedIn(id, grant, expiry);
    }

    /** A sign-in token and the role session it stands for. */
    record IssuedToken(String token, SessionGrant grant) {
        @Override
        public String toString() {
            return "IssuedToken[" + grant.assumedRoleArn() + "]"; // never the token
        }
    }

    /** A console session opened by {@code login}. */
    record SignedIn(String sessionId, SessionGrant grant, Instant expiration) {
    }
}
