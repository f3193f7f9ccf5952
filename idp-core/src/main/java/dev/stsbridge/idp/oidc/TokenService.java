package dev.stsbridge.idp.oidc;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nimbusds.jose.util.Base64URL;

import dev.stsbridge.idp.crypto.CryptoProviders;

/**
 * {@code POST /oidc/token} with {@code grant_type=authorization_code}, in one readable method: authenticate the
 * client -> redeem the code (single use: a replay is refused and revokes what the first redemption issued) -> the
 * code was issued to this client, has not expired, and the redirect URI and PKCE verifier match -> sign the ID token.
 * Every refusal is an {@link OAuthException} carrying RFC 6749 §5.2's code.
 */
public final class TokenService {

    private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);

    private final OidcClients clients;
    private final AuthorizationCodeStore codes;
    private final AccessTokens accessTokens;
    private final IdTokenFactory idTokens;
    private final Clock clock;

    public TokenService(OidcClients clients, AuthorizationCodeStore codes, AccessTokens accessTokens,
                        IdTokenFactory idTokens, Clock clock) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.codes = Objects.requireNonNull(codes, "codes");
        this.accessTokens = Objects.requireNonNull(accessTokens, "accessTokens");
        this.idTokens = Objects.requireNonNull(idTokens, "idTokens");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws OAuthException with the RFC 6749 §5.2 error for every refusal */
    public TokenResponse exchange(TokenRequest request) {
        requireGrantType(request);
        OidcClient client = authenticate(request);
        String code = request.code().filter(c -> !c.isEmpty())
                .orElseThrow(() -> OAuthError.invalidRequest("code is required").exception());
        String codeKey = key(code);
        AuthorizationGrant grant = redeem(codeKey, client);
        checkGrant(grant, client, request);
        String idToken = idTokens.issue(grant.person(), client.clientId(), grant.nonce());
        String accessToken = accessTokens.issue(codeKey, grant, idTokens.lifetime());
        LOG.info("issued an ID token for {} to client {}", grant.person().username(), client.clientId());
        return new TokenResponse(idToken, accessToken, idTokens.lifetime().toSeconds(),
                String.join(" ", grant.scopes()));
    }

    private static void requireGrantType(TokenRequest request) {
        String grantType = request.grantType().filter(g -> !g.isEmpty())
                .orElseThrow(() -> OAuthError.invalidRequest("grant_type is required").exception());
        if (!grantType.equals("authorization_code")) {
            throw OAuthError.unsupportedGrantType("only grant_type=authorization_code is supported").exception();
        }
    }

    /** client_secret_basic, client_secret_post, or a public client's bare client_id (PKCE then proves it). */
    private OidcClient authenticate(TokenRequest request) {
        if (request.basic().isPresent() && (request.formClientSecret().isPresent()
                || request.formClientId().filter(id -> !id.equals(request.basic().get().clientId())).isPresent())) {
            throw OAuthError.invalidRequest("use one client authentication method, not both").exception();
        }
        String clientId = request.basic().map(TokenRequest.BasicClient::clientId).or(request::formClientId)
                .filter(id -> !id.isEmpty())
                .orElseThrow(() -> OAuthError.invalidClient("client authentication failed: no client_id").exception());
        Optional<String> secret = request.basic().map(TokenRequest.BasicClient::secret).or(request::formClientSecret);
        OidcClient client = clients.find(clientId).orElseThrow(() -> OAuthError.invalidClient(
                "client authentication failed: unknown client").exception());
        if (client.confidential() && (secret.isEmpty() || !client.secretMatches(secret.get()))) {
            throw OAuthError.invalidClient("client authentication failed: wrong or missing client secret")
                    .exception();
        }
        if (!client.confidential() && secret.isPresent()) {
            throw OAuthError.invalidClient("client authentication failed: a public client has no secret")
                    .exception();
        }
        return client;
    }

    private AuthorizationGrant redeem(String codeKey, OidcClient client) {
        AuthorizationCodeStore.Redemption redemption = codes.redeem(codeKey);
        if (redemption instanceof AuthorizationCodeStore.Redemption.First first) {
            return first.grant();
        }
        if (redemption instanceof AuthorizationCodeStore.Redemption.Replayed replayed) {
            accessTokens.revokeIssuedFor(codeKey);
            LOG.warn("authorization code of {} for client {} was presented again (by client {}): refused, and its "
                    + "access token revoked", replayed.grant().person().username(), replayed.grant().clientId(),
                    client.clientId());
            throw OAuthError.invalidGrant("the authorization code was already used").exception();
        }
        throw OAuthError.invalidGrant("the authorization code is invalid or has expired").exception();
    }

    private void checkGrant(AuthorizationGrant grant, OidcClient client, TokenRequest request) {
        if (!grant.clientId().equals(client.clientId())) {
            throw OAuthError.invalidGrant("the authorization code was issued to another client").exception();
        }
        if (!clock.instant().isBefore(grant.expiresAt())) {
            throw OAuthError.invalidGrant("the authorization code has expired").exception();
        }
        if (!request.redirectUri().filter(grant.redirectUri()::equals).isPresent()) {
            throw OAuthError.invalidGrant("redirect_uri does not match the authorization request").exception();
        }
        String verifier = request.codeVerifier().orElseThrow(() ->
                OAuthError.invalidRequest("code_verifier is required (PKCE)").exception());
        if (!Pkce.wellFormed(verifier)) {
            throw OAuthError.invalidRequest("code_verifier must be 43-128 unreserved characters").exception();
        }
        if (!Pkce.matches(verifier, grant.codeChallenge())) {
            throw OAuthError.invalidGrant("code_verifier does not match the code_challenge").exception();
        }
    }

    /** How codes and access tokens are looked up: base64url(SHA-256(value)). */
    static String key(String value) {
        return Base64URL.encode(CryptoProviders.newDigest("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)))
                .toString();
    }
}
