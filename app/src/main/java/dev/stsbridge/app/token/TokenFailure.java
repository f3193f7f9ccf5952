package dev.stsbridge.app.token;

/** Why no ID token came: the IdP refused, the redirect did not match, or the token failed a check. */
public final class TokenFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TokenFailure(String message) {
        super(message);
    }

    public TokenFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
