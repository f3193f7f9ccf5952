package dev.stsbridge.idp.config;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The IdP as an OpenID Connect provider ({@code oidc:}): the {@code issuer} (an https URL, because AWS's
 * AssumeRoleWithWebIdentity and IAM OIDC providers accept nothing else; default: {@code base-url} when that is
 * https, else OpenID Connect is off unless the command sets an issuer, as {@code demo} does), the ID tokens'
 * {@code id-token-lifetime} (default 1 hour, 1 minute to 12 hours) and the registered {@code clients}.
 */
public record OidcConfig(Optional<URI> issuer, Duration idTokenLifetime, List<OidcClientConfig> clients) {

    public static final Duration DEFAULT_ID_TOKEN_LIFETIME = Duration.ofHours(1);

    public OidcConfig {
        issuer = ConfigChecks.optional(issuer).map(OidcConfig::checkIssuer);
        idTokenLifetime = ConfigChecks.durationBetween(
                ConfigChecks.orDefault(idTokenLifetime, DEFAULT_ID_TOKEN_LIFETIME), Duration.ofMinutes(1),
                Duration.ofHours(12), "id-token-lifetime");
        clients = ConfigChecks.listOrEmpty(clients, "clients");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < clients.size(); i++) {
            if (!ids.add(clients.get(i).clientId())) {
                throw new InvalidConfigValueException("clients[" + i + "].client-id", "must be unique, "
                        + ConfigChecks.quote(clients.get(i).clientId()) + " is registered twice");
            }
        }
    }

    /** No issuer of its own, the default lifetime, no clients. */
    public static OidcConfig defaults() {
        return new OidcConfig(Optional.empty(), null, null);
    }

    /** The same with this issuer (e.g. the demo's HTTPS listener on loopback). */
    public OidcConfig withIssuer(URI newIssuer) {
        return new OidcConfig(Optional.of(newIssuer), idTokenLifetime, clients);
    }

    /** The same with these clients. */
    public OidcConfig withClients(List<OidcClientConfig> newClients) {
        return new OidcConfig(issuer, idTokenLifetime, newClients);
    }

    /** An https URL without query or fragment (OpenID Connect Discovery §3); a trailing slash is dropped. */
    static URI checkIssuer(URI issuer) {
        String scheme = Optional.ofNullable(issuer.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") || issuer.getHost() == null) {
            throw new InvalidConfigValueException("issuer", "must be an https URL (AWS accepts only https "
                    + "issuers), was " + ConfigChecks.quote(issuer.toString()));
        }
        if (issuer.getRawQuery() != null || issuer.getRawFragment() != null || issuer.getRawUserInfo() != null) {
            throw new InvalidConfigValueException("issuer", "must not have a query, fragment or user info, was "
                    + ConfigChecks.quote(issuer.toString()));
        }
        String text = issuer.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : issuer;
    }
}
