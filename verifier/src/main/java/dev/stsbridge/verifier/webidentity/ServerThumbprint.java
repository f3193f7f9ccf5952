package dev.stsbridge.verifier.webidentity;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import dev.stsbridge.verifier.AwsError;

/**
 * What IAM does when CreateOpenIDConnectProvider has no ThumbprintList: "retrieve and use the top intermediate CA
 * thumbprint of the OpenID Connect identity provider server certificate". Only for loopback hosts (127.0.0.1, ::1,
 * localhost): a TLS handshake that reads the presented chain and sends nothing, {@value IssuerDocuments#TIMEOUT_SECONDS}
 * s timeout; the thumbprint is the SHA-1 of the chain's last certificate (the top intermediate, or the server's own
 * when it is alone). Other hosts are never contacted: empty (the provider then trusts no server, verifier/README.md).
 * A loopback host that does not answer TLS: {@code OpenIdIdpCommunicationError} (our message).
 */
public final class ServerThumbprint {
    private ServerThumbprint() {
    }

    public static Optional<String> of(String url) {
        URI uri = URI.create(url);
        String host = Optional.ofNullable(uri.getHost()).orElse("");
        if (!LoopbackHosts.allows(host)) {
            return Optional.empty();
        }
        int port = uri.getPort() < 0 ? 443 : uri.getPort();
        AtomicReference<X509Certificate[]> presented = new AtomicReference<>();
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new Recorder(presented)}, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress(host.replace("[", "").replace("]", ""), port),
                        IssuerDocuments.TIMEOUT_SECONDS * 1000);
                socket.setSoTimeout(IssuerDocuments.TIMEOUT_SECONDS * 1000);
                socket.startHandshake();
            }
            X509Certificate[] chain = presented.get();
            return Optional.of(ThumbprintTrust.sha1(chain[chain.length - 1]));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw AwsError.sender("OpenIdIdpCommunicationError", "Could not retrieve the server certificate of " + url
                    + " to compute its thumbprint: " + e.getClass().getSimpleName() + ".", 400).exception();
        }
    }

    /** Records the chain the server presents; trusts nothing else (no data is exchanged after the handshake). */
    private record Recorder(AtomicReference<X509Certificate[]> presented) implements X509TrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("no certificate");
            }
            presented.set(chain.clone());
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
