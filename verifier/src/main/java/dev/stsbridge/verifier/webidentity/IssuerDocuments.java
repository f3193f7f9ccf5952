package dev.stsbridge.verifier.webidentity;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;


/**
 * Fetches an OpenID provider's documents (discovery, JWKS): HTTPS only, GET without redirects and without any proxy,
 * the server trusted by the provider's thumbprints ({@link ThumbprintTrust}), {@value #TIMEOUT_SECONDS} s to connect
 * and to read (AWS's documented limit), at most {@value #MAX_BYTES} bytes, status 200. Loopback only: the host must be
 * {@code 127.0.0.1}, {@code ::1} or {@code localhost} (which must resolve to loopback addresses only), checked before
 * any connection (this model never reaches beyond the machine). Refusals: {@code IDPCommunicationError} for an address it will not or cannot reach,
 * {@code InvalidIdentityToken} with AWS's message when the server's certificate does not match a thumbprint.
 */
final class IssuerDocuments {
    static final int TIMEOUT_SECONDS = 5;
    static final int MAX_BYTES = 64 * 1024;

    private final Clock clock;

    IssuerDocuments(Clock clock) {
        this.clock = clock;
    }

    /** The document at {@code url}, as text. */
    String fetch(String url, List<String> thumbprints) {
        URI uri = checked(url);
        try {
            HttpsURLConnection connection = (HttpsURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
            connection.setSSLSocketFactory(context(thumbprints).getSocketFactory());
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout((int) Duration.ofSeconds(TIMEOUT_SECONDS).toMillis());
            connection.setReadTimeout((int) Duration.ofSeconds(TIMEOUT_SECONDS).toMillis());
            connection.setRequestProperty("Accept", "application/json");
            try {
                return read(connection, url);
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            if (causedByMismatch(e)) {
                throw WebIdentityErrors.invalid(WebIdentityErrors.THUMBPRINT_MISMATCH);
            }
            throw WebIdentityErrors.unreachable("Fetching " + url + " failed: " + e.getClass().getSimpleName() + ".");
        }
    }

    private static String read(HttpURLConnection connection, String url) throws IOException {
        int status = connection.getResponseCode();
        if (status != 200) {
            throw WebIdentityErrors.unreachable(url + " answered HTTP " + status + ".");
        }
        try (InputStream in = connection.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BYTES + 1);
            if (body.length > MAX_BYTES) {
                throw WebIdentityErrors.unreachable(url + " answered more than " + MAX_BYTES + " bytes.");
            }
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** An {@code https} URL of a loopback host, else {@code IDPCommunicationError} before any connection. */
    static URI checked(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw WebIdentityErrors.unreachable(url + " is not a URL.");
        }
        if (!"https".equals(uri.getScheme())) {
            throw WebIdentityErrors.unreachable(url + " is not an https URL: keys are fetched over HTTPS only.");
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (uri.getRawUserInfo() != null || !LoopbackHosts.allows(host)) {
            throw WebIdentityErrors.unreachable(url + " is not on a loopback host: this verifier fetches keys only"
                    + " from 127.0.0.1, ::1 or localhost.");
        }
        return uri;
    }

    private SSLContext context(List<String> thumbprints) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new ThumbprintTrust(thumbprints, clock)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS is unavailable: " + e.getMessage(), e);
        }
    }

    private static boolean causedByMismatch(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ThumbprintTrust.Mismatch) {
                return true;
            }
        }
        return false;
    }

}
