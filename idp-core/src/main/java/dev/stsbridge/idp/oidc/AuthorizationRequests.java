package dev.stsbridge.idp.oidc;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks {@code GET /oidc/authorize} (OpenID Connect Core §3.1.2.2, RFC 6749 §4.1.1, RFC 7636 §4.3), in the order
 * that decides where an error may go: {@code client_id} registered and {@code redirect_uri} one of its URIs (else
 * an error page, never a redirect); then {@code response_type=code}, {@code scope} with {@code openid},
 * PKCE with {@code code_challenge_method=S256} (plain refused) and a well-formed challenge, {@code prompt} (errors
 * go to the redirect URI with the {@code state}).
 */
public final class AuthorizationRequests {

    /** RFC 7636 §4.2: BASE64URL(SHA-256(verifier)) without padding is always 43 characters. */
    private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final int MAX_PARAMETER = 2048;

    private final OidcClients clients;

    public AuthorizationRequests(OidcClients clients) {
        this.clients = clients;
    }

    /** @param parameters the query parameters by name (first value) */
    public AuthorizationCheck check(Function<String, Optional<String>> parameters) {
        Optional<String> clientId = parameters.apply("client_id").filter(s -> !s.isEmpty());
        if (clientId.isEmpty()) {
            return new AuthorizationCheck.NotRedirectable("The request has no client_id.");
        }
        Optional<OidcClient> client = clients.find(clientId.get());
        if (client.isEmpty()) {
            return new AuthorizationCheck.NotRedirectable("Unknown client_id \"" + shown(clientId.get()) + "\".");
        }
        Optional<String> redirectUri = parameters.apply("redirect_uri").filter(s -> !s.isEmpty());
        if (redirectUri.isEmpty()) {
            return new AuthorizationCheck.NotRedirectable("The request has no redirect_uri.");
        }
        if (!client.get().allowsRedirect(redirectUri.get())) {
            return new AuthorizationCheck.NotRedirectable("The redirect_uri \"" + shown(redirectUri.get())
                    + "\" is not registered for client " + client.get().clientId() + ".");
        }
        Optional<String> state = parameters.apply("state");
        return checkRest(parameters)
                .<AuthorizationCheck>map(e -> new AuthorizationCheck.Refused(redirectUri.get(), state, e))
                .orElseGet(() -> new AuthorizationCheck.Valid(new AuthorizationRequest(client.get(),
                        redirectUri.get(), scopes(parameters), state, parameters.apply("nonce"),
                        parameters.apply("code_challenge").orElseThrow(), parameters.apply("prompt"))));
    }

    private static Optional<OAuthError> checkRest(Function<String, Optional<String>> parameters) {
        for (String name : List.of("state", "nonce", "scope", "code_challenge", "prompt")) {
            if (parameters.apply(name).filter(v -> v.length() > MAX_PARAMETER).isPresent()) {
                return Optional.of(OAuthError.invalidRequest(name + " is longer than " + MAX_PARAMETER
                        + " characters"));
            }
        }
        Optional<String> responseType = parameters.apply("response_type");
        if (responseType.isEmpty()) {
            return Optional.of(OAuthError.invalidRequest("response_type is required"));
        }
        if (!responseType.get().equals("code")) {
            return Optional.of(OAuthError.unsupportedResponseType("only response_type=code is supported"));
        }
        if (!scopes(parameters).contains("openid")) {
            return Optional.of(OAuthError.invalidScope("scope must include openid"));
        }
        return checkPkce(parameters).or(() -> checkPrompt(parameters));
    }

    private static Optional<OAuthError> checkPkce(Function<String, Optional<String>> parameters) {
        Optional<String> challenge = parameters.apply("code_challenge");
        if (challenge.isEmpty()) {
            return Optional.of(OAuthError.invalidRequest("PKCE is required: code_challenge is missing"));
        }
        if (!parameters.apply("code_challenge_method").filter("S256"::equals).isPresent()) {
            return Optional.of(OAuthError.invalidRequest("code_challenge_method must be S256 (plain is not allowed)"));
        }
        if (!S256_CHALLENGE.matcher(challenge.get()).matches()) {
            return Optional.of(OAuthError.invalidRequest("code_challenge must be 43 base64url characters (S256)"));
        }
        return Optional.empty();
    }

    private static Optional<OAuthError> checkPrompt(Function<String, Optional<String>> parameters) {
        Optional<String> prompt = parameters.apply("prompt");
        if (prompt.isEmpty() || prompt.get().equals("login") || prompt.get().equals("none")) {
            return Optional.empty();
        }
        List<String> values = Arrays.asList(prompt.get().split(" "));
        if (values.contains("none")) {
            return Optional.of(OAuthError.invalidRequest("prompt=none must not be combined with other values"));
        }
        return Optional.of(OAuthError.invalidRequest("prompt must be login or none"));
    }

    private static List<String> scopes(Function<String, Optional<String>> parameters) {
        return parameters.apply("scope").map(s -> Arrays.stream(s.split(" ")).filter(x -> !x.isEmpty()).toList())
                .orElse(List.of());
    }

    /** A value for an error page: at most 200 characters (the page escapes it). */
    private static String shown(String value) {
        return value.length() <= 200 ? value : value.substring(0, 200) + "...";
    }
}
