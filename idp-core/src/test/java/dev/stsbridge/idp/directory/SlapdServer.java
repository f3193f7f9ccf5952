package dev.stsbridge.idp.directory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;

/**
 * A real OpenLDAP server for tests: Debian's {@code /usr/sbin/slapd} as a child process on a free loopback
 * port, with a fresh configuration (slapd.conf: mdb backend, {@code pw-sha2} for {@code {SSHA512}}, optionally
 * the {@code memberof} overlay) and database in a temporary directory, loaded with {@code slapadd}. Stopped
 * and deleted by {@link #close()}. Self-contained (JDK + UnboundID SDK only) so the {@code tests} module can
 * copy or reuse it.
 *
 * <pre>{@code
 * try (SlapdServer slapd = SlapdServer.builder().ldifResource("dev/stsbridge/idp/demo/demo.ldif")
 *         .suffix("dc=example,dc=com").start()) {
 *     URI url = slapd.url();                  // ldap://127.0.0.1:<port>
 *     slapd.rootDn(); slapd.rootPassword();   // the admin account, random per run
 *     slapd.stop(); slapd.restart();          // directory down / back up on the same port
 * }
 * }</pre>
 *
 * Access control: {@code userPassword} only for authentication; everything else readable by anyone when
 * {@code anonymousRead} (default) or by bound users only otherwise. Fails naming {@code slapd} when it is not
 * installed.
 */
public final class SlapdServer implements AutoCloseable {

    public static final Path SLAPD = Path.of("/usr/sbin/slapd");
    public static final Path SLAPADD = Path.of("/usr/sbin/slapadd");
    public static final Path MODULES = Path.of("/usr/lib/ldap");
    public static final Path SCHEMA = Path.of("/etc/ldap/schema");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final Builder settings;
    private final Path home;
    private final String rootPassword;
    private final int port;
    private Process process;

    private SlapdServer(Builder settings, Path home, String rootPassword, int port) {
        this.settings = settings;
        this.home = home;
        this.rootPassword = rootPassword;
        this.port = port;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What to start: the LDIF, the suffix, and options. */
    public static final class Builder {
        private String suffix = "dc=example,dc=com";
        private String ldifResource;
        private Path ldifFile;
        private boolean memberOf;
        private boolean anonymousRead = true;

        public Builder suffix(String value) {
            suffix = value;
            return this;
        }

        public Builder ldifResource(String classpathResource) {
            ldifResource = classpathResource;
            return this;
        }

        public Builder ldifFile(Path file) {
            ldifFile = file;
            return this;
        }

        /** Loads the memberof overlay and lets it compute {@code memberOf} for the loaded groups. */
        public Builder memberOf(boolean value) {
            memberOf = value;
            return this;
        }

        /** Whether anonymous clients may search (default); otherwise only bound clients may. */
        public Builder anonymousRead(boolean value) {
            anonymousRead = value;
            return this;
        }

        public SlapdServer start() {
            return SlapdServer.start(this);
        }
    }

    /** {@code ldap://127.0.0.1:<port>}. */
    public URI url() {
        return URI.create("ldap://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** The configuration's root DN, {@code cn=admin,<suffix>}: bypasses access control; use as service account. */
    public String rootDn() {
        return "cn=admin," + settings.suffix;
    }

    /** The root DN's password, random per run. */
    public char[] rootPassword() {
        return rootPassword.toCharArray();
    }

    /** Stops the process (the data stays, {@link #restart()} brings it back on the same port). */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    /** Starts the stopped server again on the same port. */
    public void restart() {
        stop();
        launch();
    }

    /** Stops the server and deletes its configuration and database. */
    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SlapdServer start(Builder settings) {
        requireTool(SLAPD);
        requireTool(SLAPADD);
        try {
            Path home = Files.createTempDirectory("stsbridge-slapd-");
            String password = randomPassword();
            SlapdServer server = new SlapdServer(settings, home, password, freePort());
            try {
                server.configure();
                server.launch();
                if (settings.memberOf) {
                    server.computeMemberOf();
                }
                return server;
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("slapd: cannot prepare a temporary directory", e);
        }
    }

    private static void requireTool(Path tool) {
        if (!Files.isExecutable(tool)) {
            throw new IllegalStateException(tool.getFileName() + " is not installed (" + tool + " missing): the real"
                    + " OpenLDAP tests need Debian's slapd and ldap-utils packages (.ci/run installs them)");
        }
    }

    private void configure() throws IOException {
        Files.createDirectories(home.resolve("db"));
        Path ldif = home.resolve("data.ldif");
        try (InputStream in = settings.ldifFile != null ? Files.newInputStream(settings.ldifFile)
                : SlapdServer.class.getClassLoader().getResourceAsStream(settings.ldifResource)) {
            if (in == null) {
                throw new IllegalArgumentException("slapd: no LDIF resource " + settings.ldifResource);
            }
            Files.copy(in, ldif, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(home.resolve("slapd.conf"), slapdConf(), StandardCharsets.UTF_8);
        run(List.of(SLAPADD.toString(), "-q", "-f", conf(), "-l", ldif.toString()), "slapadd");
    }

    private String conf() {
        return home.resolve("slapd.conf").toString();
    }

    private String slapdConf() {
        StringBuilder c = new StringBuilder();
        for (String schema : List.of("core", "cosine", "inetorgperson", "nis")) {
            c.append("include ").append(SCHEMA.resolve(schema + ".schema")).append('\n');
        }
        c.append("modulepath ").append(MODULES).append('\n');
        c.append("moduleload back_mdb\nmoduleload pw-sha2\n");
        if (settings.memberOf) {
            c.append("moduleload memberof\n");
        }
        c.append("pidfile ").append(home.resolve("slapd.pid")).append('\n');
        c.append("argsfile ").append(home.resolve("slapd.args")).append('\n');
        c.append("database mdb\nmaxsize 16777216\n");
        c.append("suffix \"").append(settings.suffix).append("\"\n");
        c.append("rootdn \"").append(rootDn()).append("\"\n");
        c.append("rootpw ").append(ssha512(rootPassword)).append('\n');
        c.append("directory ").append(home.resolve("db")).append('\n');
        c.append("index objectClass,uid,member eq\n");
        if (settings.memberOf) {
            c.append("overlay memberof\n");
        }
        c.append("access to attrs=userPassword by anonymous auth by * none\n");
        c.append(settings.anonymousRead ? "access to * by * read\n" : "access to * by users read by * none\n");
        return c.toString();
    }

    private void launch() {
        List<String> command = List.of(SLAPD.toString(), "-d", "32768", "-h", url() + "/", "-f", conf());
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(home.resolve("slapd.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("slapd: cannot start " + SLAPD + ": " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        awaitReady();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(250);
        options.setResponseTimeoutMillis(1000);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("slapd exited with " + process.exitValue() + ": " + log());
            }
            try (LDAPConnection connection = new LDAPConnection(options, "127.0.0.1", port)) {
                connection.getRootDSE();
                return;
            } catch (LDAPException e) {
                sleep(100);
            }
        }
        stop();
        throw new IllegalStateException("slapd did not answer on " + url() + " within " + START_TIMEOUT + ": " + log());
    }

    /** Re-writes each group's members so that the memberof overlay records them (slapadd bypasses overlays). */
    private void computeMemberOf() {
        try (LDAPConnection connection = new LDAPConnection("127.0.0.1", port, rootDn(), rootPassword);
             LDIFReader reader = new LDIFReader(home.resolve("data.ldif").toFile())) {
            for (Entry entry = reader.readEntry(); entry != null; entry = reader.readEntry()) {
                if (entry.hasObjectClass("groupOfNames") && entry.hasAttribute("member")) {
                    connection.modify(entry.getDN(), new Modification(ModificationType.REPLACE, "member",
                            entry.getAttributeValues("member")));
                }
            }
        } catch (LDAPException | LDIFException | IOException e) {
            throw new IllegalStateException("slapd: cannot compute memberOf: " + e.getMessage(), e);
        }
    }

    private void run(List<String> command, String name) {
        try {
            Path output = home.resolve(name + ".log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(name + " did not finish within 60 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(name + " failed (" + p.exitValue() + "): " + Files.readString(output));
            }
        } catch (IOException e) {
            throw new IllegalStateException(name + ": cannot run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + ": interrupted", e);
        }
    }

    private String log() {
        try {
            return Files.readString(home.resolve("slapd.log"), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** {@code {SSHA512}base64(SHA-512(password + salt) + salt)}, as slappasswd writes it. */
    static String ssha512(String password) {
        try {
            byte[] salt = new byte[16];
            new SecureRandom().nextBytes(salt);
            MessageDigest digest = MessageDigest.getInstance("SHA-512");
            digest.update(password.getBytes(StandardCharsets.UTF_8));
            byte[] hash = digest.digest(salt);
            byte[] joined = Arrays.copyOf(hash, hash.length + salt.length);
            System.arraycopy(salt, 0, joined, hash.length, salt.length);
            return "{SSHA512}" + Base64.getEncoder().encodeToString(joined);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
