package dev.stsbridge.idp.web.mfa;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.stsbridge.idp.mfa.Enrollment;
import dev.stsbridge.idp.mfa.Mfa;
import dev.stsbridge.idp.mfa.PasskeyException;
import dev.stsbridge.idp.mfa.PasskeyFactor;
import dev.stsbridge.idp.mfa.RecoveryCodes;
import dev.stsbridge.idp.mfa.TotpFactor;
import dev.stsbridge.idp.web.login.LoginEndpoints;
import dev.stsbridge.idp.web.login.LoginThrottle;
import dev.stsbridge.idp.web.ops.AuditLog;

/**
 * One second-factor attempt, the same for every factor and channel: throttle -> check against the enrollment,
 * read and changed in one atomic {@code EnrollmentStore.update} (the accepted TOTP step, the used recovery code, the
 * passkey's counter) -> audit. Wrong codes count in a throttle of their own, per username and per address, with the
 * password policy (a few free failures, then growing delays, then a lock); success clears the username's record.
 */
public final class SecondFactorCheck {

    public static final String INVALID_CODE = "That code is not valid, or was already used.";
    public static final String INVALID_RECOVERY = "That recovery code is not valid, or was already used.";

    /** What an attempt came to. */
    public sealed interface Outcome permits Passed, Failed {
    }

    /** The factor checked out. */
    public record Passed() implements Outcome {
    }

    /** Refused: 401 (wrong) or 429 (throttled, {@code retryAfterSeconds} set), with the one line to show. */
    public record Failed(int status, String message, Optional<Long> retryAfterSeconds) implements Outcome {
        public Failed {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(retryAfterSeconds, "retryAfterSeconds");
        }
    }

    /** Who tries, from where, by which channel ({@code form} or {@code basic}). */
    public record Attempt(String username, String client, String requestId, String via) {
        public Attempt {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(via, "via");
        }
    }

    private final Mfa mfa;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final Clock clock;

    public SecondFactorCheck(Mfa mfa, LoginThrottle throttle, AuditLog audit, Clock clock) {
        this.mfa = Objects.requireNonNull(mfa, "mfa");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A code from the person's enrolled authenticator app; its step is recorded so that it works once. */
    public Outcome totp(Attempt attempt, String code) {
        return attempt(attempt, "totp", INVALID_CODE, enrollment -> enrollment.totp().flatMap(factor -> {
            OptionalLong step = mfa.totp().verify(factor.secret(), code, clock.instant(), factor.lastUsedStep());
            return step.isPresent() ? Optional.of(enrollment.withTotp(usedAt(factor, step.getAsLong())))
                    : Optional.empty();
        }));
    }

    /** A code from a secret being enrolled (not stored yet); {@code onPass} gets the step it matched. */
    public Outcome confirmTotp(Attempt attempt, byte[] secret, String code, java.util.function.LongConsumer onPass) {
        Optional<Failed> blocked = blocked(attempt, "totp");
        if (blocked.isPresent()) {
            return blocked.get();
        }
        OptionalLong step = mfa.totp().verify(secret, code, clock.instant(), Long.MIN_VALUE);
        if (step.isEmpty()) {
            return failed(attempt, "totp", INVALID_CODE);
        }
        onPass.accept(step.getAsLong());
        return passed(attempt, "totp");
    }

    /** One of the person's unused recovery codes, which is then used up. */
    public Outcome recoveryCode(Attempt attempt, String code) {
        return attempt(attempt, "recovery-code", INVALID_RECOVERY, enrollment ->
                RecoveryCodes.redeem(enrollment.recoveryCodes(), code).map(enrollment::withRecoveryCodes));
    }

    /** A passkey's answer to the session's challenge; its signature counter is recorded. */
    public Outcome passkey(Attempt attempt, String responseJson, byte[] challenge) {
        AtomicReference<String> reason = new AtomicReference<>("The passkey sign-in did not verify.");
        return attempt(attempt, "passkey", reason, enrollment -> {
            try {
                PasskeyFactor counted = mfa.passkeys().authenticate(enrollment, responseJson, challenge);
                return Optional.of(enrollment.withPasskeyCounted(counted));
            } catch (PasskeyException e) {
                reason.set(e.getMessage());
                return Optional.empty();
            }
        });
    }

    private Outcome attempt(Attempt attempt, String factor, String message,
                            java.util.function.Function<Enrollment, Optional<Enrollment>> check) {
        return attempt(attempt, factor, new AtomicReference<>(message), check);
    }

    /** Throttle, then {@code check} inside one atomic update (empty: refused, nothing changed). */
    private Outcome attempt(Attempt attempt, String factor, AtomicReference<String> message,
                            java.util.function.Function<Enrollment, Optional<Enrollment>> check) {
        Optional<Failed> blocked = blocked(attempt, factor);
        if (blocked.isPresent()) {
            return blocked.get();
        }
        AtomicReference<Boolean> ok = new AtomicReference<>(false);
        mfa.enrollments().update(attempt.username(), enrollment -> {
            Optional<Enrollment> changed = check.apply(enrollment);
            ok.set(changed.isPresent());
            return changed.orElse(enrollment);
        });
        return ok.get() ? passed(attempt, factor) : failed(attempt, factor, message.get());
    }

    private Optional<Failed> blocked(Attempt attempt, String factor) {
        return throttle.blocked(attempt.username(), attempt.client()).map(block -> {
            audit.mfa(block.locked() ? "locked" : "throttled", attempt.username(), attempt.client(),
                    attempt.requestId(), factor, attempt.via(),
                    block.locked() ? Optional.of(block.until()) : Optional.empty());
            return new Failed(429, String.format(LoginEndpoints.TOO_MANY, block.seconds()),
                    Optional.of(block.seconds()));
        });
    }

    private Failed failed(Attempt attempt, String factor, String message) {
        LoginThrottle.Failure failure = throttle.failed(attempt.username(), attempt.client());
        audit.mfa(failure.locked() ? "locked" : "failed", attempt.username(), attempt.client(), attempt.requestId(),
                factor, attempt.via(), failure.locked() ? failure.blockedUntil() : Optional.empty());
        return new Failed(401, message, Optional.empty());
    }

    private Passed passed(Attempt attempt, String factor) {
        throttle.succeeded(attempt.username());
        audit.mfa("ok", attempt.username(), attempt.client(), attempt.requestId(), factor, attempt.via(),
                Optional.empty());
        return new Passed();
    }

    private static TotpFactor usedAt(TotpFactor factor, long step) {
        return new TotpFactor(factor.secret(), factor.enrolled(), step);
    }
}
