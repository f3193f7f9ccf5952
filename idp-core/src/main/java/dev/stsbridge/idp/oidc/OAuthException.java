package dev.stsbridge.idp.oidc;

/** An {@link OAuthError} on its way to the HTTP edge, which renders it as RFC 6749 §5.2 JSON. */
public final class OAuthException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient OAuthError error;

    public OAuthException(OAuthError error) {
        super(error.error() + ": " + error.description(), null, false, false);
        this.error = error;
    }

    public OAuthError error() {
        return error;
    }
}
