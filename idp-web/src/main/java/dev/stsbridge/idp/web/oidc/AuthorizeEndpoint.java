package dev.stsbridge.idp.web.oidc;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.stsbridge.idp.oidc.AuthorizationCheck;
import dev.stsbridge.idp.oidc.AuthorizationRequest;
import dev.stsbridge.idp.oidc.IdTokenFactory;
import dev.stsbridge.idp.oidc.OAuthError;
import dev.stsbridge.idp.oidc.OidcProvider;
import dev.stsbridge.idp.rules.AwsRuleViolation;
import dev.stsbridge.idp.sso.SignedInUser;
import dev.stsbridge.idp.web.html.Page;
import dev.stsbridge.idp.web.http.Endpoint;
import dev.stsbridge.idp.web.http.Exchange;
import dev.stsbridge.idp.web.http.HttpError;
import dev.stsbridge.idp.web.mfa.MfaGate;
import dev.stsbridge.idp.web.session.Session;
import dev.stsbridge.idp.web.session.Sessions;

/**
 * {@code GET /oidc/authorize}: check the request (a bad client or redirect URI is a 400 page, never a redirect; other
 * errors go back to the client) -> signed in (else {@code /login} and back; {@code prompt=none} answers
 * {@code login_required} instead; {@code prompt=login} ends the IdP session and asks for the password again) -> a
 * second factor when the client has {@code require-mfa} -> AWS's tag rules -> a single-use code to the redirect URI
 * with the {@code state} and {@code iss}.
 */
final class AuthorizeEndpoint implements Endpoint {

    private static final Logger LOG = LoggerFactory.getLogger(AuthorizeEndpoint.class);
    /** The longest path and query the login page takes back as its {@code next} ({@code LocalPath}). */
    static final int MAX_RESUMABLE = 1024;

    private final OidcProvider oidc;
    private final Sessions sessions;
    private final MfaGate mfa;

    AuthorizeEndpoint(OidcProvider oidc, Sessions sessions, MfaGate mfa) {
        this.oidc = oidc;
        this.sessions = sessions;
        this.mfa = mfa;
    }

    @Override
    public void handle(Exchange exchange) {
        exchange.noStore();
        repeated(exchange.rawQuery()).ifPresent(name -> {
            throw HttpError.badRequest("The request repeats the parameter " + name + " (RFC 6749 §3.1).");
        });
        AuthorizationCheck check = oidc.check(exchange::query);
        if (check instanceof AuthorizationCheck.NotRedirectable bad) {
            throw HttpError.badRequest(bad.message());
        }
        if (check instanceof AuthorizationCheck.Refused refused) {
            exchange.redirect(errorRedirect(refused.redirectUri(), refused.error(), refused.state()));
            return;
        }
        authorize(exchange, ((AuthorizationCheck.Valid) check).request());
    }

    private void authorize(Exchange exchange, AuthorizationRequest request) {
        Optional<Session> session = sessions.current(exchange).filter(Session::signedIn);
        if (request.promptLogin() && session.isPresent()) {
            sessions.end(exchange, session.get());
            session = Optional.empty();
        }
        if (session.isEmpty()) {
            signInFirst(exchange, request);
            return;
        }
        SignedInUser person = session.get().user().orElseThrow();
        if (request.client().requireMfa() && !person.mfa()) {
            secondFactorFirst(exchange, request, session.get());
            return;
        }
        issue(exchange, request, person);
    }

    /** To the login page and back here (without {@code prompt}); {@code prompt=none} answers login_required. */
    private void signInFirst(Exchange exchange, AuthorizationRequest request) {
        if (request.promptNone()) {
            refuse(exchange, request, OAuthError.loginRequired("the person is not signed in at the IdP"));
            return;
        }
        String back = hereWithoutPrompt(exchange);
        if (back.length() > MAX_RESUMABLE) {
            refuse(exchange, request, OAuthError.invalidRequest("the authorization request is too long to "
                    + "resume after sign-in (at most " + MAX_RESUMABLE + " characters)"));
            return;
        }
        exchange.redirect("/login?next=" + java.net.URLEncoder.encode(back, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The existing MFA gate, then back here; {@code prompt=none} answers interaction_required. */
    private void secondFactorFirst(Exchange exchange, AuthorizationRequest request, Session session) {
        if (request.promptNone()) {
            refuse(exchange, request, new OAuthError("interaction_required",
                    "client " + request.client().clientId() + " requires a second factor", 400));
            return;
        }
        mfa.stepUp(exchange, session, exchange.path() + "?" + exchange.rawQuery());
    }

    private void issue(Exchange exchange, AuthorizationRequest request, SignedInUser person) {
        List<AwsRuleViolation> violations = oidc.preflight(person.user());
        if (!violations.isEmpty()) {
            LOG.warn("pre-flight refused the ID token for {}: {}", person.username(), violations);
            refuse(exchange, request, IdTokenFactory.refusal(violations));
            return;
        }
        String code = oidc.issueCode(request, person);
        LOG.info("authorization code for {} issued to client {}", person.username(), request.client().clientId());
        Map<String, Optional<String>> parameters = new LinkedHashMap<>();
        parameters.put("code", Optional.of(code));
        parameters.put("state", request.state());
        parameters.put("iss", Optional.of(oidc.issuer().toString()));
        deliver(exchange, request, OAuthResponses.redirect(request.redirectUri(), parameters));
    }

    private void refuse(Exchange exchange, AuthorizationRequest request, OAuthError error) {
        deliver(exchange, request, errorRedirect(request.redirectUri(), error, request.state()));
    }

    /**
     * To the client: a 303, except when the request came from one of our own pages ({@code Sec-Fetch-Site:
     * same-origin}: the redirect after the login or second-factor form), where Chrome would block a redirect to the
     * client under the form's CSP {@code form-action 'self'}; then a page that refreshes to it (CSP does not govern
     * a refresh), with a link as fallback.
     */
    private static void deliver(Exchange exchange, AuthorizationRequest request, String location) {
        if (exchange.header("Sec-Fetch-Site").filter("same-origin"::equals).isEmpty()) {
            exchange.redirect(location);
            return;
        }
        exchange.html(200, "oidc-continue", Page.titled("Signing in").with("location", location)
                .with("client", request.client().clientId()));
    }

    private String errorRedirect(String redirectUri, OAuthError error, Optional<String> state) {
        return OAuthResponses.errorRedirect(redirectUri, error, state, oidc.issuer().toString());
    }

    /** A parameter name that occurs more than once, which RFC 6749 §3.1 forbids (and which could smuggle values). */
    static Optional<String> repeated(String rawQuery) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String pair : rawQuery.split("&")) {
            String name = java.net.URLDecoder.decode(pair.split("=", 2)[0], java.nio.charset.StandardCharsets.UTF_8);
            if (!name.isEmpty() && !seen.add(name)) {
                return Optional.of(name.length() <= 40 ? name : name.substring(0, 40));
            }
        }
        return Optional.empty();
    }

    /** This request's path and query without {@code prompt} (so that coming back after the login does not loop). */
    private static String hereWithoutPrompt(Exchange exchange) {
        String query = Arrays.stream(exchange.rawQuery().split("&")).filter(p -> !p.startsWith("prompt="))
                .collect(Collectors.joining("&"));
        return exchange.path() + (query.isEmpty() ? "" : "?" + query);
    }
}
