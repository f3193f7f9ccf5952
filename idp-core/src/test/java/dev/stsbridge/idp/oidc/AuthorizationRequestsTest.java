package dev.stsbridge.idp.oidc;

import static dev.stsbridge.idp.oidc.OidcFixtures.LOOPBACK;
import static dev.stsbridge.idp.oidc.OidcFixtures.PUBLIC;
import static dev.stsbridge.idp.oidc.OidcFixtures.REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorizationRequestsTest {

    private final AuthorizationRequests requests = new AuthorizationRequests(OidcFixtures.clients());

    private AuthorizationCheck check(Map<String, String> parameters) {
        return requests.check(name -> Optional.ofNullable(parameters.get(name)));
    }

    private AuthorizationCheck with(String name, String value) {
        Map<String, String> parameters = OidcFixtures.authorization();
        if (value == null) {
            parameters.remove(name);
        } else {
            parameters.put(name, value);
        }
        return check(parameters);
    }

    private static void assertRefused(AuthorizationCheck check, String error, String description) {
        assertThat(check).isInstanceOf(AuthorizationCheck.Refused.class);
        AuthorizationCheck.Refused refused = (AuthorizationCheck.Refused) check;
        assertThat(refused.error().error()).isEqualTo(error);
        assertThat(refused.error().description()).isEqualTo(description);
        assertThat(refused.state()).contains("st-1");
    }

    private static void assertNotRedirectable(AuthorizationCheck check, String message) {
        assertThat(check).isInstanceOf(AuthorizationCheck.NotRedirectable.class);
        assertThat(((AuthorizationCheck.NotRedirectable) check).message()).isEqualTo(message);
    }

    @Test
    void goodRequestIsValidWithStateNonceAndChallenge() {
        AuthorizationCheck check = check(OidcFixtures.authorization());
        assertThat(check).isInstanceOf(AuthorizationCheck.Valid.class);
        AuthorizationRequest request = ((AuthorizationCheck.Valid) check).request();
        assertThat(request.client().clientId()).isEqualTo(PUBLIC);
        assertThat(request.state()).contains("st-1");
        assertThat(request.nonce()).contains("n-1");
        assertThat(request.scopes()).containsExactly("openid", "email");
    }

    @Test
    void loopbackRedirectMayUseAnyPort() {
        assertThat(with("redirect_uri", "http://127.0.0.1:54321/callback")).isInstanceOf(AuthorizationCheck.Valid.class);
    }

    @Test
    void unknownClientIsAnErrorPageNotARedirect() {
        assertNotRedirectable(with("client_id", "intruder"), "Unknown client_id \"intruder\".");
    }

    @Test
    void missingClientIdIsAnErrorPage() {
        assertNotRedirectable(with("client_id", null), "The request has no client_id.");
    }

    @Test
    void missingRedirectUriIsAnErrorPage() {
        assertNotRedirectable(with("redirect_uri", null), "The request has no redirect_uri.");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://app.example.test/callback/evil",          // suffix
        "https://app.example.test/callbac",                // prefix
        "https://app.example.test/callback?x=1",           // added query
        "https://app.example.test/callback#frag",          // fragment
        "https://app.example.test.evil.test/callback",     // host suffix
        "https://evil.test@app.example.test/callback",     // user info
        "https://APP.example.test/callback",               // case
        "https://app.example.test:8443/callback",          // port of a non-loopback URI
        "http://app.example.test/callback",                // scheme
        "http://127.0.0.1/callback/../evil",               // loopback path trick
        "http://evil@127.0.0.1/callback",                  // loopback user info
        "http://127.0.0.2/callback",                       // another loopback host
        "http://localhost/callback",                       // not registered host name
        "https://127.0.0.1/callback",                      // loopback with another scheme
        "not a uri"})
    void redirectUriThatIsNotExactlyRegisteredIsAnErrorPage(String redirect) {
        assertNotRedirectable(with("redirect_uri", redirect), "The redirect_uri \"" + redirect
                + "\" is not registered for client " + PUBLIC + ".");
    }

    @Test
    void responseTypeTokenIsRefusedToTheClient() {
        assertRefused(with("response_type", "token"), "unsupported_response_type",
                "only response_type=code is supported");
    }

    @Test
    void missingResponseTypeIsRefused() {
        assertRefused(with("response_type", null), "invalid_request", "response_type is required");
    }

    @Test
    void scopeWithoutOpenidIsRefused() {
        assertRefused(with("scope", "email profile"), "invalid_scope", "scope must include openid");
    }

    @Test
    void missingCodeChallengeIsRefused() {
        assertRefused(with("code_challenge", null), "invalid_request", "PKCE is required: code_challenge is missing");
    }

    @Test
    void plainPkceIsRefused() {
        assertRefused(with("code_challenge_method", "plain"), "invalid_request",
                "code_challenge_method must be S256 (plain is not allowed)");
    }

    @Test
    void missingChallengeMethodMeansPlainAndIsRefused() {
        assertRefused(with("code_challenge_method", null), "invalid_request",
                "code_challenge_method must be S256 (plain is not allowed)");
    }

    @Test
    void malformedChallengeIsRefused() {
        assertRefused(with("code_challenge", "too-short"), "invalid_request",
                "code_challenge must be 43 base64url characters (S256)");
    }

    @Test
    void promptNoneWithOtherValuesIsRefused() {
        assertRefused(with("prompt", "none login"), "invalid_request",
                "prompt=none must not be combined with other values");
    }

    @Test
    void refusalGoesToTheRedirectUriAsSent() {
        AuthorizationCheck check = with("redirect_uri", REDIRECT);
        assertThat(check).isInstanceOf(AuthorizationCheck.Valid.class);
        Map<String, String> parameters = OidcFixtures.authorization();
        parameters.put("redirect_uri", "http://127.0.0.1:4000/callback");
        parameters.put("response_type", "token");
        assertThat(((AuthorizationCheck.Refused) check(parameters)).redirectUri())
                .isEqualTo("http://127.0.0.1:4000/callback");
        assertThat(LOOPBACK).isEqualTo("http://127.0.0.1/callback");
    }
}
