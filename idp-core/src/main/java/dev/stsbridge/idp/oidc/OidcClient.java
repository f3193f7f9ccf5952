package dev.stsbridge.idp.oidc;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import dev.stsbridge.idp.crypto.CryptoProviders;

/**
 * A registered client, its secret resolved: only the secret's SHA-256 is kept, and a presented secret is compared
 * by its SHA-256 in constant time ({@link MessageDigest#isEqual}).
 *
 * @param clientId the {@code client_id}
 * @param redirectUris the registered redirect URIs, matched exactly (a loopback http URI with any port)
 * @param secretHash SHA-256 of the client secret; empty for a public client (PKCE only)
 * @param requireMfa whether sign-in to this client needs a second factor
 */
public record OidcClient(String clientId, List<URI> redirectUris, Optional<byte[]> secretHash, boolean requireMfa) {

    public OidcClient {
        Objects.requireNonNull(clientId, "clientId");
        redirectUris = List.copyOf(redirectUris);
        secretHash = secretHash.map(byte[]::clone);
    }

    /** A confidential client with this secret (hashed here). */
    public static OidcClient confidential(String clientId, List<URI> redirectUris, char[] secret, boolean requireMfa) {
        return new OidcClient(clientId, redirectUris, Optional.of(sha256(new String(secret))), requireMfa);
    }

    /** A public client (PKCE only). */
    public static OidcClient publicClient(String clientId, List<URI> redirectUris, boolean requireMfa) {
        return new OidcClient(clientId, redirectUris, Optional.empty(), requireMfa);
    }

    public boolean confidential() {
        return secretHash.isPresent();
    }

    /** Whether {@code presented} is this client's secret (constant time; false for a public client). */
    public boolean secretMatches(String presented) {
        return secretHash.map(hash -> MessageDigest.isEqual(hash, sha256(presented))).orElse(false);
    }

    /**
     * Whether {@code requested} is one of the registered redirect URIs: the same string, or, for a registered
     * {@code http} URI on a loopback IP literal or {@code localhost}, the same URI with any port (RFC 8252 §7.3).
     * No prefix, suffix, path or case tricks: every other component must be identical.
     */
    public boolean allowsRedirect(String requested) {
        Optional<URI> uri = parse(requested);
        if (uri.isEmpty()) {
            return false;
        }
        for (URI registered : redirectUris) {
            if (registered.toString().equals(requested) || loopbackMatch(registered, uri.get())) {
                return true;
            }
        }
        return false;
    }

    private static boolean loopbackMatch(URI registered, URI requested) {
        return "http".equals(registered.getScheme()) && loopback(registered.getHost())
                && "http".equals(requested.getScheme())
                && registered.getHost().equals(requested.getHost())
                && requested.getRawUserInfo() == null && requested.getRawFragment() == null
                && Objects.equals(registered.getRawPath(), requested.getRawPath())
                && Objects.equals(registered.getRawQuery(), requested.getRawQuery());
    }

    private static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || h.matches("127(\\.\\d{1,3}){3}");
    }

    private static Optional<URI> parse(String text) {
        try {
            URI uri = new URI(text);
            return uri.isAbsolute() && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    static byte[] sha256(String text) {
        return CryptoProviders.newDigest("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "OidcClient[" + clientId + ", " + (confidential() ? "confidential" : "public") + "]";
    }
}
