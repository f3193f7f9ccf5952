package dev.stsbridge.idp.assertion;

/** Which elements carry an enveloped signature. AWS requires a signed assertion or a signed response. */
public enum SigningMode {
    /** Sign the Assertion (the default; AWS's metadata says WantAssertionsSigned). */
    ASSERTION(true, false),
    /** Sign only the Response (its signature covers the assertion). */
    RESPONSE(false, true),
    /** Sign the Assertion, then the Response around it. */
    BOTH(true, true);

    private final boolean assertion;
    private final boolean response;

    SigningMode(boolean assertion, boolean response) {
        this.assertion = assertion;
        this.response = response;
    }

    public boolean signsAssertion() {
        return assertion;
    }

    public boolean signsResponse() {
        return response;
    }
}
