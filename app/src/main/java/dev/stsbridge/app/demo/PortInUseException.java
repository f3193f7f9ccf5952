package dev.stsbridge.app.demo;

/** A port the demo needs is taken; {@link #service()} says whose (the IdP's or the AWS model's). */
public final class PortInUseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Which of the demo's servers: the IdP, the AWS model, or the IdP's HTTPS listener for OpenID Connect. */
    public enum Service {
        IDP, AWS, OIDC
    }

    private final Service service;
    private final int port;

    PortInUseException(Service service, int port, Throwable cause) {
        super("port " + port + " is already in use", cause);
        this.service = service;
        this.port = port;
    }

    public Service service() {
        return service;
    }

    public int port() {
        return port;
    }
}
