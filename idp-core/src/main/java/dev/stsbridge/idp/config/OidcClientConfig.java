package dev.stsbridge.idp.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One OpenID Connect client ({@code oidc.clients[]}): its {@code client-id}, the exact {@code redirect-uris} it may
 * use (https, or http to a loopback host, whose port the client may choose at run time, RFC 8252 §7.3), its
 * {@code secret} ({@code {env: NAME}} or {@code {file: PATH}}; absent for a public client, which authenticates by
 * PKCE alone) and {@code require-mfa} (sign-in to this client needs a second factor; default false).
 */
public record OidcClientConfig(String clientId, List<URI> redirectUris, Optional<SecretRef> secret,
                               Boolean requireMfa) {

    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._~:-]{1,128}");

    public OidcClientConfig {
        clientId = ConfigChecks.requiredText(clientId, "client-id");
        if (!CLIENT_ID.matcher(clientId).matches()) {
            throw new InvalidConfigValueException("client-id", "must be 1-128 letters, digits or ._~:-, was "
                    + ConfigChecks.quote(clientId));
        }
        redirectUris = ConfigChecks.listOrEmpty(redirectUris, "redirect-uris");
        if (redirectUris.isEmpty()) {
            throw new InvalidConfigValueException("redirect-uris", "must list at least one redirect URI");
        }
        for (int i = 0; i < redirectUris.size(); i++) {
            checkRedirectUri(redirectUris.get(i), "redirect-uris[" + i + "]");
        }
        secret = ConfigChecks.optional(secret);
        requireMfa = ConfigChecks.orDefault(requireMfa, Boolean.FALSE);
    }

    /** Whether the client has no secret (authenticates with PKCE only). */
    public boolean publicClient() {
        return secret.isEmpty();
    }

    private static void checkRedirectUri(URI uri, String key) {
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new InvalidConfigValueException(key, "must be an absolute http(s) URL, was "
                    + ConfigChecks.quote(uri.toString()));
        }
        if (scheme.equals("http") && !ConfigChecks.isLoopback(uri.getHost())) {
            throw new InvalidConfigValueException(key, "must use https unless the host is loopback, was "
                    + ConfigChecks.quote(uri.toString()));
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidConfigValueException(key, "must not have a fragment (RFC 6749 §3.1.2), was "
                    + ConfigChecks.quote(uri.toString()));
        }
    }
}
