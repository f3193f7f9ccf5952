package dev.stsbridge.idp.web.oidc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.stsbridge.idp.oidc.OAuthError;
import dev.stsbridge.idp.oidc.OAuthException;
import dev.stsbridge.idp.oidc.OidcProvider;
import dev.stsbridge.idp.oidc.TokenRequest;
import dev.stsbridge.idp.oidc.TokenResponse;
import dev.stsbridge.idp.web.http.BasicCredentials;
import dev.stsbridge.idp.web.http.Endpoint;
import dev.stsbridge.idp.web.http.Exchange;
import dev.stsbridge.idp.web.http.WebHandler;
import dev.stsbridge.idp.web.mfa.MfaGate;
import dev.stsbridge.idp.web.session.Sessions;

/**
 * The OpenID Connect endpoints: {@value OidcProvider#DISCOVERY_PATH}, {@value OidcProvider#JWKS_PATH} (both
 * cacheable for {@value #CACHE_SECONDS} s, so that a rotated key is seen soon), {@value OidcProvider#AUTHORIZE_PATH}
 * ({@link AuthorizeEndpoint}), {@value OidcProvider#TOKEN_PATH} and {@value OidcProvider#USERINFO_PATH}.
 */
public final class OidcEndpoints {

    static final int CACHE_SECONDS = 300;
    private static final Logger LOG = LoggerFactory.getLogger(OidcEndpoints.class);

    private final OidcProvider oidc;
    private final Sessions sessions;
    private final MfaGate mfa;

    public OidcEndpoints(OidcProvider oidc, Sessions sessions, MfaGate mfa) {
        this.oidc = oidc;
        this.sessions = sessions;
        this.mfa = mfa;
    }

    /** Adds the routes to {@code handler}. */
    public WebHandler routes(WebHandler handler) {
        return handler.get(OidcProvider.DISCOVERY_PATH, discovery())
                .get(OidcProvider.JWKS_PATH, jwks())
                .get(OidcProvider.AUTHORIZE_PATH, new AuthorizeEndpoint(oidc, sessions, mfa))
                .post(OidcProvider.TOKEN_PATH, token())
                .get(OidcProvider.USERINFO_PATH, userinfo());
    }

    Endpoint discovery() {
        return exchange -> {
            exchange.setHeader("Cache-Control", "public, max-age=" + CACHE_SECONDS);
            OAuthResponses.json(exchange, 200, oidc.discovery());
        };
    }

    Endpoint jwks() {
        return exchange -> {
            exchange.setHeader("Cache-Control", "public, max-age=" + CACHE_SECONDS);
            exchange.send(200, "application/json; charset=utf-8",
                    oidc.keys().publicJwks().toString().getBytes(StandardCharsets.UTF_8));
        };
    }

    Endpoint token() {
        return exchange -> {
            exchange.noStore();
            try {
                TokenResponse response = oidc.token(tokenRequest(exchange));
                OAuthResponses.json(exchange, 200, response.json());
            } catch (OAuthException e) {
                LOG.info("token request refused: {}", e.getMessage());
                if (e.error().httpStatus() == 401) {
                    exchange.setHeader("WWW-Authenticate", BasicCredentials.challenge("stsbridge"));
                }
                OAuthResponses.error(exchange, e.error());
            }
        };
    }

    private static TokenRequest tokenRequest(Exchange exchange) {
        if (!exchange.mediaType().equals("application/x-www-form-urlencoded")) {
            throw OAuthError.invalidRequest("the token request must be application/x-www-form-urlencoded")
                    .exception();
        }
        return new TokenRequest(exchange.form("grant_type"), exchange.form("code"), exchange.form("redirect_uri"),
                exchange.form("code_verifier"), exchange.form("client_id"), exchange.form("client_secret"),
                basic(exchange));
    }

    /** RFC 6749 §2.3.1: the id and secret are form-urlencoded before they go into the Basic header. */
    private static Optional<TokenRequest.BasicClient> basic(Exchange exchange) {
        Optional<String> header = exchange.header("Authorization");
        if (header.isEmpty() || !header.get().regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        BasicCredentials credentials = BasicCredentials.parse(header).orElseThrow(() ->
                OAuthError.invalidClient("client authentication failed: malformed Basic header").exception());
        try {
            return Optional.of(new TokenRequest.BasicClient(
                    URLDecoder.decode(credentials.username(), StandardCharsets.UTF_8),
                    URLDecoder.decode(new String(credentials.password()), StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            throw OAuthError.invalidClient("client authentication failed: malformed Basic header").exception();
        } finally {
            Arrays.fill(credentials.password(), '\0');
        }
    }

    /** OpenID Connect Core §5.3 with {@code Authorization: Bearer}; RFC 6750 §3 errors. */
    Endpoint userinfo() {
        return exchange -> {
            exchange.noStore();
            Optional<String> token = exchange.header("Authorization")
                    .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7)).map(h -> h.substring(7).strip());
            Optional<Map<String, Object>> claims = token.flatMap(oidc::userinfo);
            if (claims.isEmpty()) {
                exchange.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                OAuthResponses.error(exchange, OAuthError.invalidToken("the access token is missing, invalid or "
                        + "expired"));
                return;
            }
            OAuthResponses.json(exchange, 200, claims.get());
        };
    }
}
