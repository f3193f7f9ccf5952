package dev.stsbridge.idp.web.http;

/**
 * A refusal an endpoint wants shown as an error page: the HTTP status, a short title and the one-line message the
 * person reads (and tests assert). Thrown by endpoints, rendered by {@link WebHandler}.
 */
public final class HttpError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String title;

    public HttpError(int status, String title, String message) {
        super(message, null, false, false);
        this.status = status;
        this.title = title;
    }

    /** 400 Bad Request with this message. */
    public static HttpError badRequest(String message) {
        return new HttpError(400, "Bad request", message);
    }

    /** 403 Forbidden with this message. */
    public static HttpError forbidden(String message) {
        return new HttpError(403, "Not allowed", message);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
