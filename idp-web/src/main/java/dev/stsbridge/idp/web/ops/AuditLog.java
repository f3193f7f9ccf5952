package dev.stsbridge.idp.web.ops;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.LoggerFactory;

/**
 * The audit trail: one JSON object per line, per login attempt ({@code "event":"login"}, outcome {@code ok},
 * {@code failed}, {@code throttled}, {@code locked} or {@code error}) and per issued assertion
 * ({@code "event":"assertion"}), and per pre-flight refusal ({@code "event":"refused"}). Fields: time, request ID,
 * user, client address, SP, assertion ID, role ARNs, session tag keys. Never passwords, assertions, keys, tag
 * values or session IDs.
 *
 * <p>Lines go to a {@link Sink}: by default the SLF4J logger {@value #LOGGER} at INFO (the {@code stsbridge}
 * command's logback configuration writes it, and only it, to standard output); tests collect them.
 */
public final class AuditLog {

    public static final String LOGGER = "stsbridge.audit";
    private static final int MAX_USER_CHARS = 128;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Receives each audit line (one JSON object, no newline). Must be thread-safe. */
    @FunctionalInterface
    public interface Sink {
        void write(String line);
    }

    private final Sink sink;
    private final Clock clock;

    public AuditLog(Sink sink, Clock clock) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The SLF4J logger {@value #LOGGER}, at INFO. */
    public static Sink toLogger() {
        org.slf4j.Logger logger = LoggerFactory.getLogger(LOGGER);
        return logger::info;
    }

    /** A login attempt; {@code lockedUntil} when this attempt met or started a lock. */
    public void login(String outcome, String user, String client, String requestId, Optional<Instant> lockedUntil) {
        write(loginLine(outcome, user, client, requestId, lockedUntil));
    }

    /** The same for a password that came another way than the login form ({@code via}: {@code basic}). */
    public void login(String outcome, String user, String client, String requestId, Optional<Instant> lockedUntil,
                      String via) {
        Map<String, Object> line = loginLine(outcome, user, client, requestId, lockedUntil);
        line.put("via", via);
        write(line);
    }

    private Map<String, Object> loginLine(String outcome, String user, String client, String requestId,
                                          Optional<Instant> lockedUntil) {
        Map<String, Object> line = start("login", requestId);
        line.put("outcome", outcome);
        line.put("user", shortened(user));
        line.put("client", client);
        lockedUntil.ifPresent(t -> line.put("locked_until", t.toString()));
        return line;
    }

    /**
     * A second-factor attempt ({@code "event":"mfa"}): outcome {@code ok}, {@code failed}, {@code throttled},
     * {@code locked} or {@code enrolled}; {@code factor} {@code totp}, {@code recovery-code} or {@code passkey};
     * {@code via} {@code form} or {@code basic} (ECP's header).
     */
    public void mfa(String outcome, String user, String client, String requestId, String factor, String via,
                    Optional<Instant> lockedUntil) {
        Map<String, Object> line = start("mfa", requestId);
        line.put("outcome", outcome);
        line.put("user", shortened(user));
        line.put("client", client);
        line.put("factor", factor);
        line.put("via", via);
        lockedUntil.ifPresent(t -> line.put("locked_until", t.toString()));
        write(line);
    }

    /** An assertion was issued (and handed to the browser to post). */
    public void assertion(Issued issued, String requestId) {
        Map<String, Object> line = start("assertion", requestId);
        line.put("user", issued.user());
        line.put("client", issued.client());
        line.put("sp", issued.sp());
        line.put("assertion_id", issued.assertionId());
        issued.inResponseTo().ifPresent(id -> line.put("in_response_to", id));
        line.put("roles", issued.roles());
        line.put("tag_keys", issued.tagKeys());
        line.put("purpose", issued.purpose());
        write(line);
    }

    /** The pre-flight check refused an assertion: the rules broken (not the values). */
    public void refused(String user, String client, String sp, List<String> rules, String requestId) {
        Map<String, Object> line = start("refused", requestId);
        line.put("user", user);
        line.put("client", client);
        line.put("sp", sp);
        line.put("rules", rules);
        write(line);
    }

    /**
     * A step of single logout ({@code "event":"logout"}), with the IDs of the messages, never their content.
     *
     * @param outcome {@code ended} (the IdP session), {@code sent} (a LogoutRequest to an SP), {@code confirmed} or
     *     {@code failed} (an SP's LogoutResponse), {@code unsupported} (an SP without single logout),
     *     {@code answered} (our LogoutResponse to the SP that asked), {@code refused} (a LogoutRequest naming
     *     nobody of this session), {@code invalid} (a message refused with a 400; {@code reason} says why)
     * @param via {@code idp} (the sign-out page) or {@code sp} (an SP's LogoutRequest)
     */
    public record Logout(String outcome, Optional<String> user, Optional<String> sp, Optional<String> messageId,
                         Optional<String> inResponseTo, Optional<String> status, String via,
                         Optional<String> reason) {
        public Logout {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(sp, "sp");
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(inResponseTo, "inResponseTo");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(via, "via");
        }

        public Logout(String outcome, Optional<String> user, Optional<String> sp, Optional<String> messageId,
                      Optional<String> inResponseTo, Optional<String> status, String via) {
            this(outcome, user, sp, messageId, inResponseTo, status, via, Optional.empty());
        }
    }

    /** A step of single logout. */
    public void logout(Logout step, String client, String requestId) {
        Map<String, Object> line = start("logout", requestId);
        line.put("outcome", step.outcome());
        step.user().ifPresent(u -> line.put("user", shortened(u)));
        line.put("client", client);
        step.sp().ifPresent(sp -> line.put("sp", sp));
        step.messageId().ifPresent(id -> line.put("message_id", id));
        step.inResponseTo().ifPresent(id -> line.put("in_response_to", id));
        step.status().ifPresent(s -> line.put("status", s));
        line.put("via", step.via());
        step.reason().ifPresent(r -> line.put("reason", r));
        write(line);
    }

    /**
     * One issued assertion, as audited.
     *
     * @param purpose {@code sso} (posted to the SP) or {@code explain} (shown on the explain page)
     */
    public record Issued(String user, String client, String sp, String assertionId, Optional<String> inResponseTo,
                         List<String> roles, List<String> tagKeys, String purpose) {
        public Issued {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(sp, "sp");
            Objects.requireNonNull(assertionId, "assertionId");
            Objects.requireNonNull(inResponseTo, "inResponseTo");
            roles = List.copyOf(roles);
            tagKeys = List.copyOf(tagKeys);
            Objects.requireNonNull(purpose, "purpose");
        }
    }

    private Map<String, Object> start(String event, String requestId) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", clock.instant().toString());
        line.put("event", event);
        line.put("request_id", requestId);
        return line;
    }

    private void write(Map<String, Object> line) {
        try {
            sink.write(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an audit line: " + e.getMessage(), e);
        }
    }

    private static String shortened(String user) {
        return user.length() <= MAX_USER_CHARS ? user : user.substring(0, MAX_USER_CHARS) + "...";
    }
}
