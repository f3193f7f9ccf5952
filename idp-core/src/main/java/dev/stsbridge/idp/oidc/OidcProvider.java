package dev.stsbridge.idp.oidc;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import javax.sql.DataSource;

import dev.stsbridge.idp.claims.AwsClaimsResolver;
import dev.stsbridge.idp.config.StsbridgeConfig;
import dev.stsbridge.idp.directory.DirectoryUser;
import dev.stsbridge.idp.mfa.EnrollmentCipher;
import dev.stsbridge.idp.rules.AwsRuleViolation;
import dev.stsbridge.idp.rules.AwsRules;
import dev.stsbridge.idp.sso.SignedInUser;

/**
 * The IdP's OpenID Connect provider assembled: issuer, keys, clients, codes and tokens. The web layer
 * ({@code dev.stsbridge.idp.web.oidc}) adds the login, the second factor and the HTTP wire format.
 */
public final class OidcProvider {

    public static final String DISCOVERY_PATH = "/.well-known/openid-configuration";
    public static final String AUTHORIZE_PATH = "/oidc/authorize";
    public static final String TOKEN_PATH = "/oidc/token";
    public static final String JWKS_PATH = "/oidc/jwks";
    public static final String USERINFO_PATH = "/oidc/userinfo";
    /** How long an authorization code may be redeemed (RFC 6749 §4.1.2 recommends at most 10 minutes). */
    public static final Duration CODE_LIFETIME = Duration.ofSeconds(60);
    static final List<String> SCOPES = List.of("openid", "email", "profile");

    private final OidcKeys keys;
    private final OidcClients clients;
    private final AuthorizationRequests requests;
    private final AuthorizationCodeStore codes;
    private final AccessTokens accessTokens;
    private final IdTokenFactory idTokens;
    private final TokenService tokens;
    private final Clock clock;
    private final SecureRandom random;

    /** With access tokens in memory (one node). */
    public OidcProvider(OidcKeys keys, OidcClients clients, AuthorizationCodeStore codes, IdTokenFactory idTokens,
                        Clock clock, SecureRandom random) {
        this(keys, clients, codes, new InMemoryAccessTokenStore(clock), idTokens, clock, random);
    }

    public OidcProvider(OidcKeys keys, OidcClients clients, AuthorizationCodeStore codes,
                        AccessTokenStore accessTokenStore, IdTokenFactory idTokens, Clock clock, SecureRandom random) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.requests = new AuthorizationRequests(clients);
        this.codes = Objects.requireNonNull(codes, "codes");
        this.accessTokens = new AccessTokens(accessTokenStore, clock, random);
        this.idTokens = Objects.requireNonNull(idTokens, "idTokens");
        this.tokens = new TokenService(clients, codes, accessTokens, idTokens, clock);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * The provider of this configuration, or empty when it has no https issuer ({@code oidc.issuer}, or an https
     * {@code base-url}). Opens (on first start: generates) the OpenID Connect key ring and reads the client secrets.
     */
    public static Optional<OidcProvider> start(StsbridgeConfig config, Map<String, String> environment, Clock clock,
                                               byte[] nameIdSecret, SecureRandom random) {
        return start(config, environment, clock, nameIdSecret, random, Optional.empty());
    }

    /**
     * The same, with authorization codes and access tokens in the shared database {@code shared} when given ({@code
     * state.postgresql}: any node redeems a code or answers userinfo for a token another node issued; {@code clock}
     * is then the database's), their grants sealed under the data directory's {@code keys/mfa-key}; else in memory.
     */
    public static Optional<OidcProvider> start(StsbridgeConfig config, Map<String, String> environment, Clock clock,
                                               byte[] nameIdSecret, SecureRandom random,
                                               Optional<DataSource> shared) {
        Optional<URI> issuer = config.oidcIssuer();
        if (issuer.isEmpty()) {
            return Optional.empty();
        }
        OidcKeys keys = OidcKeys.open(config.dataDir(), environment, clock, issuer.get().toString());
        IdTokenFactory idTokens = new IdTokenFactory(issuer.get(), keys, config.oidc().idTokenLifetime(),
                new AwsClaimsResolver(config.aws()), new AwsRules(config.aws().partition()), nameIdSecret, clock,
                random);
        OidcClients clients = OidcClients.from(config.oidc(), environment);
        if (shared.isEmpty()) {
            return Optional.of(new OidcProvider(keys, clients, new InMemoryAuthorizationCodeStore(clock), idTokens,
                    clock, random));
        }
        EnrollmentCipher cipher = EnrollmentCipher.loadOrCreate(config.dataDir(), random);
        return Optional.of(new OidcProvider(keys, clients,
                new PostgresAuthorizationCodeStore(shared.get(), cipher, clock),
                new PostgresAccessTokenStore(shared.get(), cipher, clock), idTokens, clock, random));
    }

    /** Checks an authorization request ({@link AuthorizationRequests}). */
    public AuthorizationCheck check(Function<String, Optional<String>> parameters) {
        return requests.check(parameters);
    }

    /** AWS's rules this person's ID token would break (session tags). */
    public List<AwsRuleViolation> preflight(DirectoryUser user) {
        return idTokens.preflight(user);
    }

    /** A new single-use code (256 random bits, valid {@link #CODE_LIFETIME}) for this signed-in person. */
    public String issueCode(AuthorizationRequest request, SignedInUser person) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        codes.save(TokenService.key(code), new AuthorizationGrant(request.client().clientId(), request.redirectUri(),
                request.codeChallenge(), request.nonce(), request.scopes(), person,
                clock.instant().plus(CODE_LIFETIME)));
        return code;
    }

    /** The token endpoint ({@link TokenService#exchange}). */
    public TokenResponse token(TokenRequest request) {
        return tokens.exchange(request);
    }

    /** The userinfo claims (OpenID Connect Core §5.3) of a valid access token. */
    public Optional<Map<String, Object>> userinfo(String accessToken) {
        return accessTokens.find(accessToken).map(grant -> {
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("sub", idTokens.subject(grant.person().user(), grant.clientId()));
            claims.put("preferred_username", grant.person().username());
            grant.person().user().firstValue("mail").ifPresent(mail -> claims.put("email", mail));
            claims.put("groups", grant.person().user().groupDns().stream().sorted().toList());
            return claims;
        });
    }

    /** The discovery document (OpenID Connect Discovery §3). */
    public Map<String, Object> discovery() {
        String base = issuer().toString();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("issuer", base);
        d.put("authorization_endpoint", base + AUTHORIZE_PATH);
        d.put("token_endpoint", base + TOKEN_PATH);
        d.put("userinfo_endpoint", base + USERINFO_PATH);
        d.put("jwks_uri", base + JWKS_PATH);
        d.put("response_types_supported", List.of("code"));
        d.put("response_modes_supported", List.of("query"));
        d.put("grant_types_supported", List.of("authorization_code"));
        d.put("subject_types_supported", List.of("public"));
        d.put("id_token_signing_alg_values_supported", List.of("RS256"));
        d.put("code_challenge_methods_supported", List.of("S256"));
        d.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        d.put("scopes_supported", SCOPES);
        d.put("prompt_values_supported", List.of("none", "login"));
        d.put("claims_supported", List.of("iss", "sub", "aud", "azp", "exp", "iat", "nbf", "auth_time", "nonce",
                "jti", "amr", "groups", "email", "preferred_username", IdTokenFactory.AWS_TAGS,
                IdTokenFactory.ROLES_CLAIM));
        d.put("authorization_response_iss_parameter_supported", true);
        return d;
    }

    public URI issuer() {
        return idTokens.issuer();
    }

    /** The {@code sub} this person's ID tokens for {@code clientId} carry (e.g. for a trust policy's {@code :sub}). */
    public String subject(DirectoryUser user, String clientId) {
        return idTokens.subject(user, clientId);
    }

    public OidcKeys keys() {
        return keys;
    }

    public OidcClients clients() {
        return clients;
    }
}
