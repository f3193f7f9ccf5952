package dev.stsbridge.idp.web.login;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.stsbridge.idp.directory.AuthenticationFailedException;
import dev.stsbridge.idp.directory.DirectoryUnavailableException;
import dev.stsbridge.idp.directory.DirectoryUser;
import dev.stsbridge.idp.sso.IdpApplication;
import dev.stsbridge.idp.web.ops.AuditLog;
import dev.stsbridge.idp.web.ops.WebMetrics;

/**
 * One password check, the same for the login form and for HTTP Basic (ECP, the role catalogue API): sizes ->
 * throttle -> directory, each attempt audited (with the channel it came by) and counted. One throttle serves every
 * channel, so guessing over ECP counts against the same name and address as guessing on the form. The password is
 * wiped after use and never logged.
 */
public final class PasswordCheck {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordCheck.class);
    static final int MAX_USERNAME = 256;
    static final int MAX_PASSWORD = 1024;

    /** What a check came to. */
    public sealed interface Outcome permits Accepted, Refused {
    }

    /** The directory knows this person with this password. */
    public record Accepted(DirectoryUser user) implements Outcome {
        public Accepted {
            Objects.requireNonNull(user, "user");
        }
    }

    /**
     * Refused: why, as the HTTP status to answer and the one line to show.
     *
     * @param status 401 (wrong name or password), 429 (throttled; {@code retryAfterSeconds} set) or 503 (directory down)
     */
    public record Refused(int status, String message, Optional<Long> retryAfterSeconds) implements Outcome {
        public Refused {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(retryAfterSeconds, "retryAfterSeconds");
        }
    }

    /** How the password arrived, as the audit log's {@code via} names it. */
    public enum Channel {
        FORM("form"), BASIC("basic");

        private final String auditName;

        Channel(String auditName) {
            this.auditName = auditName;
        }
    }

    private final IdpApplication idp;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final WebMetrics metrics;

    public PasswordCheck(IdpApplication idp, LoginThrottle throttle, AuditLog audit, WebMetrics metrics) {
        this.idp = Objects.requireNonNull(idp, "idp");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Checks the password (and wipes the array). */
    public Outcome check(String username, char[] password, String client, String requestId, Channel channel) {
        try {
            if (username.isEmpty() || password.length == 0 || username.length() > MAX_USERNAME
                    || password.length > MAX_PASSWORD) {
                return new Refused(401, LoginEndpoints.INVALID, Optional.empty());
            }
            Optional<LoginThrottle.Block> block = throttle.blocked(username, client);
            if (block.isPresent()) {
                String outcome = block.get().locked() ? "locked" : "throttled";
                record(outcome, username, client, requestId, channel,
                        block.get().locked() ? Optional.of(block.get().until()) : Optional.empty());
                return new Refused(429, String.format(LoginEndpoints.TOO_MANY, block.get().seconds()),
                        Optional.of(block.get().seconds()));
            }
            return askDirectory(username, password, client, requestId, channel);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private Outcome askDirectory(String username, char[] password, String client, String requestId,
                                 Channel channel) {
        try {
            DirectoryUser user = idp.directory().authenticate(username, password);
            throttle.succeeded(user.username());
            record("ok", user.username(), client, requestId, channel, Optional.empty());
            return new Accepted(user);
        } catch (AuthenticationFailedException e) {
            LoginThrottle.Failure failure = throttle.failed(username, client);
            record(failure.locked() ? "locked" : "failed", username, client, requestId, channel,
                    failure.locked() ? failure.blockedUntil() : Optional.empty());
            return new Refused(401, LoginEndpoints.INVALID, Optional.empty());
        } catch (DirectoryUnavailableException e) {
            LOG.warn("login of {} failed: the directory is unavailable: {}", username, e.getMessage());
            record("error", username, client, requestId, channel, Optional.empty());
            return new Refused(503, LoginEndpoints.DIRECTORY_DOWN, Optional.empty());
        }
    }

    private void record(String outcome, String username, String client, String requestId, Channel channel,
                        Optional<java.time.Instant> lockedUntil) {
        if (channel == Channel.FORM) {
            audit.login(outcome, username, client, requestId, lockedUntil);
        } else {
            audit.login(outcome, username, client, requestId, lockedUntil, channel.auditName);
        }
        metrics.login(outcome);
    }
}
