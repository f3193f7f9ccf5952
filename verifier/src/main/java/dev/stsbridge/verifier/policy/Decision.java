package dev.stsbridge.verifier.policy;

/** The outcome of an evaluation, named as the simulator's {@code EvalDecision}. */
public enum Decision {
    ALLOWED("allowed"), EXPLICIT_DENY("explicitDeny"), IMPLICIT_DENY("implicitDeny");

    private final String wireName;

    Decision(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
