package dev.stsbridge.idp.web.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import dev.stsbridge.keys.SecureFiles;

/**
 * A self-signed TLS certificate for the server's host names, generated on first start into
 * {@code <data-dir>/tls/server.p12} with its random password in {@code <data-dir>/tls/server.password} (both mode
 * 0600, written atomically) and reused afterwards. EC P-256, valid {@value #VALIDITY_DAYS} days, subject alternative
 * names: the given hosts (DNS names or IP addresses) plus {@code localhost} and {@code 127.0.0.1}. Browsers warn
 * about it; for production, configure {@code server.tls.key-store} with a certificate from your CA.
 */
public final class SelfSignedTls {

    public static final String DIRECTORY = "tls";
    public static final String STORE_FILE = "server.p12";
    public static final String PASSWORD_FILE = "server.password";
    static final int VALIDITY_DAYS = 825;
    static final String ALIAS = "server";

    private SelfSignedTls() {
    }

    /** The store and its password, generated if missing. */
    public static TlsSettings loadOrCreate(Path dataDir, List<String> hosts, Clock clock) {
        Path directory = dataDir.resolve(DIRECTORY);
        Path store = directory.resolve(STORE_FILE);
        Path passwordFile = directory.resolve(PASSWORD_FILE);
        try {
            if (Files.exists(store) && Files.exists(passwordFile)) {
                return new TlsSettings(store, Files.readString(passwordFile, StandardCharsets.UTF_8).strip());
            }
            SecureFiles.createPrivateDirectories(directory);
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            SecureFiles.writeAtomically(store, generate(hosts, clock, password.toCharArray()));
            SecureFiles.writeAtomically(passwordFile, password.getBytes(StandardCharsets.UTF_8));
            return new TlsSettings(store, password);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the self-signed TLS key store in " + directory + ": "
                    + e.getMessage(), e);
        }
    }

    static byte[] generate(List<String> hosts, Clock clock, char[] password) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            X509Certificate certificate = certificate(pair, names(hosts), clock.instant());
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, pair.getPrivate(), password, new Certificate[] {certificate});
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException | OperatorException e) {
            throw new IllegalStateException("cannot generate the self-signed TLS certificate: " + e.getMessage(), e);
        }
    }

    private static X509Certificate certificate(KeyPair pair, List<String> names, Instant now)
            throws GeneralSecurityException, OperatorException, IOException {
        X500Name subject = new X500Name("CN=" + names.get(0).replaceAll("[,+=\"\\\\<>;]", "_"));
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(128, new SecureRandom()).add(BigInteger.ONE), Date.from(now.minusSeconds(60)),
                Date.from(now.plus(Duration.ofDays(VALIDITY_DAYS))), subject, pair.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        List<GeneralName> alternatives = new ArrayList<>();
        for (String name : names) {
            alternatives.add(isIpAddress(name) ? new GeneralName(GeneralName.iPAddress, name)
                    : new GeneralName(GeneralName.dNSName, name));
        }
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(alternatives.toArray(GeneralName[]::new)));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    }

    private static List<String> names(List<String> hosts) {
        Set<String> names = new LinkedHashSet<>();
        for (String host : hosts) {
            String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            if (!h.isBlank() && !h.equals("0.0.0.0") && !h.equals("::")) {
                names.add(h);
            }
        }
        names.add("localhost");
        names.add("127.0.0.1");
        return new ArrayList<>(names);
    }

    private static boolean isIpAddress(String name) {
        if (!name.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
            return false;
        }
        try {
            InetAddress.getByName(name);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
