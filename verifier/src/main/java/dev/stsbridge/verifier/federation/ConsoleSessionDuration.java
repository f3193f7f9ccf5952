package dev.stsbridge.verifier.federation;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.stsbridge.verifier.sts.SessionGrant;

/**
 * {@code getSigninToken}'s {@code SessionDuration}: the console session's length in seconds, 900 to 43,200, given
 * only for credentials that allow it (AWS refuses it for role-chained and GetFederationToken credentials with
 * "Invalid credentials parameter"). Absent: the console session ends when the credentials do. It is separate from
 * the credentials' duration: it may outlast them.
 */
final class ConsoleSessionDuration {
    static final int MIN_SECONDS = 900;
    static final int MAX_SECONDS = 43_200;
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,6}");

    private ConsoleSessionDuration() {
    }

    static Optional<Duration> validate(Optional<String> sessionDuration, SessionGrant grant) {
        if (sessionDuration.isEmpty()) {
            return Optional.empty();
        }
        if (!grant.origin().acceptsConsoleSessionDuration()) {
            throw FederationRefusal.invalidCredentials().exception();
        }
        String value = sessionDuration.get();
        if (!DIGITS.matcher(value).matches() || Integer.parseInt(value) < MIN_SECONDS
                || Integer.parseInt(value) > MAX_SECONDS) {
            throw FederationRefusal.invalid("SessionDuration").exception();
        }
        return Optional.of(Duration.ofSeconds(Integer.parseInt(value)));
    }
}
