package dev.stsbridge.idp.oidc;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An OAuth 2.0 error (RFC 6749 §4.1.2.1 and §5.2, OpenID Connect Core §3.1.2.6): the {@code error} code, the
 * {@code error_description} a developer reads (and tests assert) and the HTTP status the token endpoint answers with.
 */
public record OAuthError(String error, String description, int httpStatus) {

    /** RFC 6749 §5.2: error and description are printable ASCII without {@code "} and {@code \}. */
    private static final Pattern TEXT = Pattern.compile("[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]*");

    public OAuthError {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(description, "description");
        if (!TEXT.matcher(error).matches() || !TEXT.matcher(description).matches()) {
            throw new IllegalArgumentException("OAuth error texts are printable ASCII without quote or backslash");
        }
    }

    public static OAuthError invalidRequest(String description) {
        return new OAuthError("invalid_request", description, 400);
    }

    public static OAuthError invalidClient(String description) {
        return new OAuthError("invalid_client", description, 401);
    }

    public static OAuthError invalidGrant(String description) {
        return new OAuthError("invalid_grant", description, 400);
    }

    public static OAuthError unsupportedGrantType(String description) {
        return new OAuthError("unsupported_grant_type", description, 400);
    }

    public static OAuthError unsupportedResponseType(String description) {
        return new OAuthError("unsupported_response_type", description, 400);
    }

    public static OAuthError invalidScope(String description) {
        return new OAuthError("invalid_scope", description, 400);
    }

    public static OAuthError accessDenied(String description) {
        return new OAuthError("access_denied", description, 403);
    }

    public static OAuthError loginRequired(String description) {
        return new OAuthError("login_required", description, 400);
    }

    public static OAuthError invalidToken(String description) {
        return new OAuthError("invalid_token", description, 401);
    }

    /** The exception that carries this error to the HTTP edge. */
    public OAuthException exception() {
        return new OAuthException(this);
    }
}
