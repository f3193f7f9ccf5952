package dev.stsbridge.verifier.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * An OpenID provider on 127.0.0.1 for tests: HTTPS with a freshly generated self-signed certificate (SAN
 * {@code IP:127.0.0.1}, {@code DNS:localhost}), {@code /.well-known/openid-configuration} and {@code /jwks.json}, and
 * an RS256 signing key ({@code kid} "k1") to sign tokens with. What it serves can be changed per test.
 */
public final class TestIdp implements AutoCloseable {

    public static final String CLIENT_ID = "stsbridge-app";

    private final HttpsServer server;
    private final X509Certificate certificate;
    private final RSAKey signingKey;
    private volatile String discoveredIssuer;
    private volatile String jwksUri;
    private volatile JWKSet jwks;
    private final AtomicInteger jwksFetches = new AtomicInteger();

    private TestIdp(HttpsServer server, X509Certificate certificate, RSAKey signingKey) {
        this.server = server;
        this.certificate = certificate;
        this.signingKey = signingKey;
        this.discoveredIssuer = issuer();
        this.jwksUri = issuer() + "/jwks.json";
        this.jwks = new JWKSet(signingKey.toPublicJWK());
    }

    public static TestIdp start() {
        try {
            KeyPair tls = TestPki.rsa2048();
            X509Certificate cert = selfSignedForLoopback(tls);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = UUID.randomUUID().toString().toCharArray();
            store.setKeyEntry("tls", tls.getPrivate(), password, new X509Certificate[] {cert});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(context));
            TestIdp idp = new TestIdp(server, cert, new RSAKeyGenerator(2048).keyID("k1").generate());
            server.createContext("/.well-known/openid-configuration", idp::discovery);
            server.createContext("/jwks.json", idp::jwks);
            server.start();
            return idp;
        } catch (GeneralSecurityException | IOException | JOSEException e) {
            throw new IllegalStateException("the test OpenID provider did not start", e);
        }
    }

    private static X509Certificate selfSignedForLoopback(KeyPair keys) throws GeneralSecurityException {
        try {
            X500Name name = new X500Name("CN=localhost");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(1, ChronoUnit.DAYS)), name,
                    keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        } catch (org.bouncycastle.operator.OperatorCreationException | org.bouncycastle.cert.CertIOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private void discovery(HttpExchange exchange) throws IOException {
        respond(exchange, "{\"issuer\":\"" + discoveredIssuer + "\",\"jwks_uri\":\"" + jwksUri + "\","
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
    }

    private void jwks(HttpExchange exchange) throws IOException {
        jwksFetches.incrementAndGet();
        respond(exchange, jwks.toString(true));
    }

    private static void respond(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** {@code https://127.0.0.1:<port>} */
    public String issuer() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The issuer without {@code https://}, as IAM's Url and condition-key prefix. */
    public String host() {
        return issuer().substring("https://".length());
    }

    /** The SHA-1 thumbprint of the server's (self-signed) certificate, as IAM takes it. */
    public String thumbprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public RSAKey signingKey() {
        return signingKey;
    }

    /** Serves another discovery {@code issuer}. */
    public void discoveredIssuer(String value) {
        this.discoveredIssuer = value;
    }

    /** Serves another {@code jwks_uri}. */
    public void jwksUri(String value) {
        this.jwksUri = value;
    }

    /** Serves these keys. */
    public void jwks(List<JWK> keys) {
        this.jwks = new JWKSet(keys);
    }

    public int jwksFetches() {
        return jwksFetches.get();
    }

    /** Claims of a good token: iss, aud = {@link #CLIENT_ID}, sub "alice", iat now, exp in 5 minutes, a jti. */
    public JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer()).audience(CLIENT_ID).subject("alice")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString());
    }

    /** A good RS256 token with {@code kid} k1. */
    public String token() {
        return token(c -> { });
    }

    /** An RS256 token with {@code kid} k1 and the good claims changed by {@code change}. */
    public String token(Consumer<JWTClaimsSet.Builder> change) {
        JWTClaimsSet.Builder claims = claims();
        change.accept(claims);
        return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims.build(), signingKey);
    }

    /** A token with this header and claims, signed by {@code key}. */
    public static String sign(JWSHeader header, JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

}
