package dev.stsbridge.idp.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldif.LDIFReader;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stsbridge.idp.config.LdapServerConfig;
import dev.stsbridge.idp.config.SecretRef;
import dev.stsbridge.idp.config.StsbridgeConfig;

/** Timeouts, refused connections and TLS (LDAPS, StartTLS, trust stores, host names) of {@link LdapDirectory}. */
class LdapDirectoryTest {

    private static final StsbridgeConfig DEMO = StsbridgeConfig.demo();
    private static TestTls localhost;
    private static TestTls otherHost;
    private static InMemoryDirectoryServer server;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startTlsServer() throws Exception {
        KeyPair keys = TestTls.rsa2048();
        localhost = TestTls.selfSigned(keys, new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        otherHost = TestTls.selfSigned(keys, new GeneralName(GeneralName.dNSName, "ldap.example.net"));
        server = tlsServer(localhost, "ldaps", "starttls");
    }

    @AfterAll
    static void stopTlsServer() {
        server.shutDown(true);
    }

    static InMemoryDirectoryServer tlsServer(TestTls tls, String ldapsName, String startTlsName) throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        config.setListenerConfigs(
                InMemoryListenerConfig.createLDAPSConfig(ldapsName, loopback, 0,
                        tls.serverContext().getServerSocketFactory(), null),
                InMemoryListenerConfig.createLDAPConfig(startTlsName, loopback, 0,
                        tls.serverContext().getSocketFactory()));
        List<com.unboundid.ldap.listener.InMemoryPasswordEncoder> encoders = EmbeddedDirectory.passwordEncoders();
        config.setPasswordEncoders(encoders.get(0), encoders.subList(1, encoders.size()));
        InMemoryDirectoryServer s = new InMemoryDirectoryServer(config);
        try (InputStream ldif = LdapDirectoryTest.class.getClassLoader().getResourceAsStream(
                DirectoryContractTest.DEMO_LDIF)) {
            s.importFromLDIF(true, new LDIFReader(ldif));
        }
        s.startListening();
        return s;
    }

    private static LdapDirectory connect(URI url, boolean startTls, Optional<Path> trustStore,
                                         Optional<char[]> trustStorePassword) {
        LdapServerConfig tls = new LdapServerConfig(List.of(url), Optional.empty(), Optional.empty(), startTls,
                trustStore, trustStorePassword.map(p -> SecretRef.fromEnv("TEST_ONLY")), Duration.ofSeconds(2),
                Duration.ofSeconds(2), null, false);
        return LdapDirectory.connect(DEMO.directory(), tls, DEMO.directoryAttributes(), Optional.empty(),
                trustStorePassword);
    }

    private static URI ldaps(String host) {
        return URI.create("ldaps://" + host + ":" + server.getListenPort("ldaps"));
    }

    private static URI startTls(String host) {
        return URI.create("ldap://" + host + ":" + server.getListenPort("starttls"));
    }

    @Test
    void ldapsWithPemTrustStoreAuthenticates() throws Exception {
        Path pem = localhost.writePem(dir.resolve("ldap.pem"));
        try (LdapDirectory directory = connect(ldaps("localhost"), false, Optional.of(pem), Optional.empty())) {
            assertThat(directory.authenticate("alice", "wonderland".toCharArray()).values("mail"))
                    .containsExactly("alice@example.com");
        }
    }

    @Test
    void ldapsWithPkcs12TrustStoreAuthenticatesByIpAddress() throws Exception {
        char[] password = "trust-store-test".toCharArray();
        Path p12 = localhost.writePkcs12TrustStore(dir.resolve("trust.p12"), password);
        try (LdapDirectory directory = connect(ldaps("127.0.0.1"), false, Optional.of(p12), Optional.of(password))) {
            assertThat(directory.authenticate("bob", "builder".toCharArray()).username()).isEqualTo("bob");
        }
    }

    @Test
    void startTlsWithPemTrustStoreAuthenticates() throws Exception {
        Path pem = localhost.writePem(dir.resolve("ldap-starttls.pem"));
        try (LdapDirectory directory = connect(startTls("localhost"), true, Optional.of(pem), Optional.empty())) {
            assertThat(directory.authenticate("carol", "chocolate".toCharArray()).username()).isEqualTo("carol");
        }
    }

    @Test
    void ldapsWhenCertificateNotInTrustStoreThenUnavailable() throws Exception {
        Path wrong = otherHost.writePem(dir.resolve("other.pem"));
        try (LdapDirectory directory = connect(ldaps("localhost"), false, Optional.of(wrong), Optional.empty())) {
            assertThatThrownBy(() -> directory.authenticate("alice", "wonderland".toCharArray()))
                    .isExactlyInstanceOf(DirectoryUnavailableException.class)
                    .hasMessageStartingWith("directory [" + ldaps("localhost") + "] unavailable (user search): ")
                    .hasMessageContaining("TLS: PKIX path building failed");
        }
    }

    @Test
    void startTlsWhenCertificateNotTrustedThenUnavailable() throws Exception {
        Path wrong = otherHost.writePem(dir.resolve("other-starttls.pem"));
        try (LdapDirectory directory = connect(startTls("localhost"), true, Optional.of(wrong), Optional.empty())) {
            assertThatThrownBy(() -> directory.authenticate("alice", "wonderland".toCharArray()))
                    .isExactlyInstanceOf(DirectoryUnavailableException.class)
                    .hasMessageContaining("TLS: PKIX path building failed");
        }
    }

    @Test
    void ldapsWhenCertificateIsForAnotherHostThenUnavailable() throws Exception {
        InMemoryDirectoryServer impostor = tlsServer(otherHost, "ldaps", "starttls");
        try (LdapDirectory directory = connect(URI.create("ldaps://localhost:" + impostor.getListenPort("ldaps")),
                false, Optional.of(otherHost.writePem(dir.resolve("impostor.pem"))), Optional.empty())) {
            assertThatThrownBy(() -> directory.authenticate("alice", "wonderland".toCharArray()))
                    .isExactlyInstanceOf(DirectoryUnavailableException.class)
                    .hasMessageContaining("connect error: Hostname verification failed because the expected hostname "
                            + "'localhost' was not found in peer certificate");
        } finally {
            impostor.shutDown(true);
        }
    }

    @Test
    void whenNothingListensThenUnavailableAtOnce() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        URI url = URI.create("ldap://127.0.0.1:" + port);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try (LdapDirectory directory = LdapDirectory.connect(DEMO.directory(), LdapServerConfig.anonymous(url),
                    DEMO.directoryAttributes(), Optional.empty(), Optional.empty())) {
                assertThatThrownBy(() -> directory.authenticate("alice", "wonderland".toCharArray()))
                        .isExactlyInstanceOf(DirectoryUnavailableException.class)
                        .hasMessageStartingWith("directory [" + url + "] unavailable (user search): connect error: "
                                + "Connection refused");
                assertThat(directory.health().available()).isFalse();
                assertThat(directory.health().detail()).startsWith("directory [" + url + "] unavailable (health check)");
            }
        });
    }

    @Test
    void whenServerAcceptsButNeverAnswersThenUnavailableAfterResponseTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"))) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket ignored = silent.accept();
                        ignored.getInputStream();
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            URI url = URI.create("ldap://127.0.0.1:" + silent.getLocalPort());
            LdapServerConfig slow = new LdapServerConfig(List.of(url), Optional.empty(), Optional.empty(), false,
                    Optional.empty(), Optional.empty(), Duration.ofMillis(500), Duration.ofMillis(500), null, false);
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                try (LdapDirectory directory = LdapDirectory.connect(DEMO.directory(), slow,
                        DEMO.directoryAttributes(), Optional.empty(), Optional.empty())) {
                    assertThatThrownBy(() -> directory.authenticate("alice", "wonderland".toCharArray()))
                            .isExactlyInstanceOf(DirectoryUnavailableException.class)
                            .hasMessageStartingWith("directory [" + url + "] unavailable (user search): timeout: "
                                    + "A client-side timeout was encountered while waiting 500ms");
                }
            });
        }
    }

    @Test
    void objectGuidReadsAsWindowsShowsIt() {
        byte[] guid = new byte[16];
        for (int i = 0; i < 16; i++) {
            guid[i] = (byte) (i + 1);
        }
        assertThat(ImmutableIds.guid(guid)).contains("04030201-0605-0807-090a-0b0c0d0e0f10");
        assertThat(ImmutableIds.guid(new byte[15])).isEmpty();
    }
}
