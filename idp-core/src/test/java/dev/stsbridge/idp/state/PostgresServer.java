package dev.stsbridge.idp.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests: Debian's {@code postgresql} binaries ({@code /usr/lib/postgresql/<version>/bin},
 * the newest), a fresh cluster made by {@code initdb} in a temporary directory, {@code postgres} listening only on
 * 127.0.0.1 at a free port (its socket in the same directory), superuser {@code stsbridge} with a random password
 * (SCRAM). PostgreSQL refuses to run as root, so under root (CI) the cluster belongs to the {@code postgres} system
 * user and the binaries run as it ({@code setpriv}); otherwise as the current user. {@link #close()} stops it (fast
 * shutdown) and deletes the directory.
 *
 * <pre>{@code
 * try (PostgresServer pg = PostgresServer.start()) {
 *     String url = pg.createDatabase("idp");  // jdbc:postgresql://127.0.0.1:<port>/idp
 *     pg.user(); pg.password();
 *     pg.stop(); pg.restart();                // database down / back on the same port
 * }
 * }</pre>
 */
public final class PostgresServer implements AutoCloseable {

    private static final Path VERSIONS = Path.of("/usr/lib/postgresql");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final String SYSTEM_USER = "postgres";

    private final Path bin;
    private final Path home;
    private final int port;
    private final String password;
    private final boolean root;
    private Process process;

    private PostgresServer(Path bin, Path home, int port, String password, boolean root) {
        this.bin = bin;
        this.home = home;
        this.port = port;
        this.password = password;
        this.root = root;
    }

    /** initdb, then start. */
    public static PostgresServer start() {
        Path bin = binaries();
        try {
            Path home = Files.createTempDirectory("stsbridge-pg-");
            boolean root = "root".equals(System.getProperty("user.name"));
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            PostgresServer server = new PostgresServer(bin, home, freePort(),
                    Base64.getUrlEncoder().withoutPadding().encodeToString(random), root);
            server.initdb();
            server.restart();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path binaries() {
        try (Stream<Path> versions = Files.list(VERSIONS)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("postgres")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())))
                    .orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("no PostgreSQL server binaries under " + VERSIONS
                    + ": install the Debian package postgresql", e);
        }
    }

    private void initdb() throws IOException {
        Path pwfile = home.resolve("pwfile");
        Files.writeString(pwfile, password + "\n");
        if (root) {
            chownToSystemUser(home);
            chownToSystemUser(pwfile);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", data().toString(), "-U", "stsbridge",
                "--pwfile=" + pwfile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"),
                home.resolve("initdb.log"));
        Files.delete(pwfile);
    }

    /** Starts (again) on the same port with the same data. */
    public void restart() {
        List<String> command = List.of(bin.resolve("postgres").toString(), "-D", data().toString(),
                "-c", "listen_addresses=127.0.0.1", "-p", Integer.toString(port), "-k", home.toString(),
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                "-c", "shared_buffers=32MB", "-c", "max_connections=100");
        try {
            process = builder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("postgres.log").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady();
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (true) {
            try (Connection c = connect("postgres")) {
                return;
            } catch (SQLException e) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("PostgreSQL did not start: " + e.getMessage() + "\n" + log());
                }
                sleep(100);
            }
        }
    }

    /** Creates a database and returns its JDBC URL. */
    public String createDatabase(String name) {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user());
        p.setProperty("password", password);
        p.setProperty("connectTimeout", "2");
        return DriverManager.getConnection(url(database), p);
    }

    public String user() {
        return "stsbridge";
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    /** The server's log so far. */
    public String log() {
        try {
            Path log = home.resolve("postgres.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(cannot read the log: " + e + ")";
        }
    }

    /** Fast shutdown (the data stays; {@link #restart()} brings it back on the same port). */
    public void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "stop", "-D", data().toString(), "-m", "fast", "-w"),
                    home.resolve("pg_ctl.log"));
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is not a test failure
        }
    }

    private Path data() {
        return home.resolve("data");
    }

    private void run(List<String> command, Path log) throws IOException {
        Process p = builder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private ProcessBuilder builder(List<String> command) {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("/usr/bin/setpriv", "--reuid=" + SYSTEM_USER, "--regid=" + SYSTEM_USER,
                    "--init-groups", "--"));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).directory(home.toFile());
        builder.environment().put("LC_ALL", "C");
        builder.environment().put("HOME", home.toString());
        return builder;
    }

    private static void chownToSystemUser(Path path) throws IOException {
        UserPrincipalLookupService names = path.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user = names.lookupPrincipalByName(SYSTEM_USER);
        GroupPrincipal group = names.lookupPrincipalByGroupName(SYSTEM_USER);
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        view.setOwner(user);
        view.setGroup(group);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
