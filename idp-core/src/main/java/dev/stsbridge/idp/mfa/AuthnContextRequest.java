package dev.stsbridge.idp.mfa;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import dev.stsbridge.idp.assertion.AssertionRequest;

/**
 * An SP's RequestedAuthnContext (SAML 2.0 core §3.3.2.2.1): the class references it lists and how the IdP's must
 * compare. The IdP knows three classes, weakest first: {@code Password}, {@code PasswordProtectedTransport} and
 * the REFEDS MFA profile; any other reference is one it can never satisfy. {@link #decide} says which class the
 * assertion may name, or that a second factor would satisfy the request, or that nothing can.
 *
 * @param comparison {@code exact} (the default), {@code minimum}, {@code maximum} or {@code better}
 * @param classRefs the AuthnContextClassRef URIs, in the SP's order of preference
 */
public record AuthnContextRequest(Comparison comparison, List<String> classRefs) {

    /** The comparison attribute's values. */
    public enum Comparison {
        EXACT, MINIMUM, MAXIMUM, BETTER;

        /** The attribute's value ({@code exact} when absent). */
        public static Comparison of(Optional<String> attribute) {
            return attribute.map(a -> valueOf(a.toUpperCase(Locale.ROOT))).orElse(EXACT);
        }
    }

    /** What the IdP can answer. */
    public sealed interface Decision {
    }

    /** The session satisfies it; the assertion names {@code classRef}. */
    public record Satisfied(String classRef) implements Decision {
    }

    /** A second factor would satisfy it (step up, then decide again). */
    public record NeedsMfa() implements Decision {
    }

    /** Nothing this IdP does satisfies it: answer {@code Responder} / {@code NoAuthnContext}. */
    public record Unsatisfiable(String reason) implements Decision {
    }

    private static final List<String> RANKED = List.of(AssertionRequest.PASSWORD,
            AssertionRequest.PASSWORD_PROTECTED_TRANSPORT, AssertionRequest.REFEDS_MFA);

    public AuthnContextRequest {
        Objects.requireNonNull(comparison, "comparison");
        classRefs = List.copyOf(classRefs);
    }

    /**
     * The decision for a session whose login is {@code achieved} (one of the three known classes). An MFA session
     * also did a password login, over TLS or not ({@code overTls}), and may name that class when it is asked for
     * exactly.
     */
    public Decision decide(String achieved, boolean overTls) {
        int have = rank(achieved);
        List<Integer> asked = classRefs.stream().map(AuthnContextRequest::rank).filter(r -> r >= 0).toList();
        if (asked.isEmpty()) {
            return new Unsatisfiable("none of the requested authentication contexts " + classRefs
                    + " is one this identity provider uses (" + String.join(", ", RANKED) + ")");
        }
        int min = asked.stream().min(Integer::compare).orElseThrow();
        int max = asked.stream().max(Integer::compare).orElseThrow();
        int mfa = rank(AssertionRequest.REFEDS_MFA);
        return switch (comparison) {
            case EXACT -> exact(achieved, overTls);
            case MINIMUM -> have >= min ? new Satisfied(achieved) : new NeedsMfa();
            case BETTER -> have > max ? new Satisfied(achieved) : max < mfa ? new NeedsMfa()
                    : new Unsatisfiable("nothing is better than " + AssertionRequest.REFEDS_MFA + " here");
            case MAXIMUM -> maximum(achieved, overTls, max);
        };
    }

    private Decision exact(String achieved, boolean overTls) {
        List<String> claimable = claimable(achieved, overTls);
        Optional<String> match = classRefs.stream().filter(claimable::contains).findFirst();
        if (match.isPresent()) {
            return new Satisfied(match.get());
        }
        if (classRefs.contains(AssertionRequest.REFEDS_MFA)) {
            return new NeedsMfa();
        }
        return new Unsatisfiable("the login was " + achieved + ", not one of " + classRefs);
    }

    private static Decision maximum(String achieved, boolean overTls, int max) {
        return claimable(achieved, overTls).stream().filter(c -> rank(c) <= max).findFirst()
                .<Decision>map(Satisfied::new)
                .orElseGet(() -> new Unsatisfiable("the login was " + achieved + ", stronger than allowed"));
    }

    /** The classes a session may truthfully name: its own, and for MFA also its password step. */
    private static List<String> claimable(String achieved, boolean overTls) {
        if (achieved.equals(AssertionRequest.REFEDS_MFA)) {
            return List.of(achieved, overTls ? AssertionRequest.PASSWORD_PROTECTED_TRANSPORT
                    : AssertionRequest.PASSWORD);
        }
        return List.of(achieved);
    }

    private static int rank(String classRef) {
        return RANKED.indexOf(classRef);
    }
}
