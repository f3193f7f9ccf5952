package dev.stsbridge.verifier.webidentity;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;

/**
 * The keys of IAM OpenID Connect providers: {@code <iss>/.well-known/openid-configuration}, whose {@code issuer} must
 * be the token's {@code iss} exactly, then its {@code jwks_uri}, both through {@link IssuerDocuments} with the
 * provider's thumbprints. Sets are cached per issuer and thumbprint list for {@value #CACHE_MINUTES} minutes; a token
 * naming a key the cached set lacks makes one refetch, at most every {@value #MIN_REFETCH_SECONDS} s per issuer (so a
 * flood of unknown key IDs cannot make the verifier hammer the provider). Only public keys are kept.
 */
public final class OidcKeys {
    static final int CACHE_MINUTES = 5;
    static final int MIN_REFETCH_SECONDS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Cached(JWKSet keys, Instant fetchedAt) {
    }

    private final IssuerDocuments documents;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public OidcKeys(Clock clock) {
        this.clock = clock;
        this.documents = new IssuerDocuments(clock);
    }

    /** The key source of the provider with this issuer and these thumbprints. */
    public KeySource of(String issuer, List<String> thumbprints) {
        String cacheKey = issuer + " " + String.join(",", thumbprints);
        return refresh -> {
            Instant now = clock.instant();
            Cached cached = cache.get(cacheKey);
            boolean fresh = cached != null && now.isBefore(cached.fetchedAt().plus(Duration.ofMinutes(CACHE_MINUTES)));
            boolean recent = cached != null
                    && now.isBefore(cached.fetchedAt().plus(Duration.ofSeconds(MIN_REFETCH_SECONDS)));
            if (fresh && (!refresh || recent)) {
                return cached.keys();
            }
            JWKSet keys = fetch(issuer, thumbprints);
            cache.put(cacheKey, new Cached(keys, now));
            return keys;
        };
    }

    private JWKSet fetch(String issuer, List<String> thumbprints) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        JsonNode discovery = json(documents.fetch(base + "/.well-known/openid-configuration", thumbprints));
        if (!issuer.equals(discovery.path("issuer").asText(null))) {
            throw WebIdentityErrors.invalid(WebIdentityErrors.NO_VERIFICATION_KEY);
        }
        String jwksUri = discovery.path("jwks_uri").asText("");
        try {
            return JWKSet.parse(documents.fetch(jwksUri, thumbprints)).toPublicJWKSet();
        } catch (ParseException e) {
            throw WebIdentityErrors.invalid(WebIdentityErrors.NO_VERIFICATION_KEY);
        }
    }

    private static JsonNode json(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw WebIdentityErrors.invalid(WebIdentityErrors.NO_VERIFICATION_KEY);
            }
            return node;
        } catch (java.io.IOException e) {
            throw WebIdentityErrors.invalid(WebIdentityErrors.NO_VERIFICATION_KEY);
        }
    }
}
