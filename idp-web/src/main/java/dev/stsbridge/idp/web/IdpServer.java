package dev.stsbridge.idp.web;

import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import dev.stsbridge.idp.sso.IdpApplication;
import dev.stsbridge.idp.web.ops.AuditLog;
import dev.stsbridge.idp.web.portal.AccessCheck;
import dev.stsbridge.idp.web.state.WebState;

/**
 * The IdP's web server (Jetty 12 core handlers, no servlets). Start it with
 * {@code IdpServer.start(idp, ServerSettings.loopback(8080))}; {@link #port()} and {@link #baseUrl()} tell where it
 * listens; {@link #close()} stops it gracefully (requests in flight may finish, up to {@value #STOP_TIMEOUT_MILLIS}
 * ms); the {@link IdpApplication} stays open (its owner closes it).
 *
 * <p>Plain HTTP only on loopback, unless {@link ServerSettings#insecureHttp()}; HTTPS from a PKCS#12 store
 * otherwise. One bounded thread pool; no request log on the hot path (the audit log records what matters).
 */
public final class IdpServer implements AutoCloseable {

    static final long STOP_TIMEOUT_MILLIS = 5_000;
    private static final int MAX_THREADS = 64;

    private final Server server;
    private final ServerConnector connector;
    private final ServerSettings settings;

    private IdpServer(Server server, ServerConnector connector, ServerSettings settings) {
        this.server = server;
        this.connector = connector;
        this.settings = settings;
    }

    /** Starts serving {@code idp}; the audit log goes to the SLF4J logger {@value AuditLog#LOGGER}. */
    public static IdpServer start(IdpApplication idp, ServerSettings settings) {
        return start(idp, settings, AuditLog.toLogger());
    }

    /**
     * Starts serving {@code idp}, writing the audit log to {@code audit}.
     *
     * @throws PortInUseException when the port is taken
     * @throws IllegalArgumentException when plain HTTP is asked for on a non-loopback address
     * @throws IllegalStateException when the server cannot start for another reason (e.g. a bad key store)
     */
    public static IdpServer start(IdpApplication idp, ServerSettings settings, AuditLog.Sink audit) {
        return start(idp, settings, audit, Optional.empty());
    }

    /**
     * The same, with the explain page's access form answered by {@code access} (the demo: STS and IAM's policy
     * simulator of the AWS model).
     */
    public static IdpServer start(IdpApplication idp, ServerSettings settings, AuditLog.Sink audit,
                                  Optional<AccessCheck> access) {
        return start(idp, settings, audit, access, WebState.inMemory(idp.clock()));
    }

    /**
     * The same, with sessions, AuthnRequest IDs and throttle records in {@code state} (e.g. the shared database of
     * several nodes: {@link dev.stsbridge.idp.web.state.SharedState}).
     */
    public static IdpServer start(IdpApplication idp, ServerSettings settings, AuditLog.Sink audit,
                                  Optional<AccessCheck> access, WebState state) {
        Objects.requireNonNull(idp, "idp");
        Objects.requireNonNull(state, "state");
        refusePlainHttpOffLoopback(settings);
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 4);
        threads.setName("idp");
        Server server = new Server(threads);
        ServerConnector connector = connector(server, settings);
        server.addConnector(connector);
        server.setHandler(new GracefulHandler(IdpRoutes.handler(idp, settings, new AuditLog(audit, idp.clock()), access,
                state)));
        server.setStopTimeout(STOP_TIMEOUT_MILLIS);
        server.setStopAtShutdown(false);
        IdpServer started = new IdpServer(server, connector, settings);
        started.run();
        return started;
    }

    private void run() {
        try {
            connector.open(); // binds first, so that a taken port fails here, before Jetty logs it
            server.start();
        } catch (Exception e) {
            stopQuietly();
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException) {
                    throw new PortInUseException(settings.host(), settings.port(), e);
                }
            }
            throw new IllegalStateException("the IdP web server cannot start: " + e.getMessage(), e);
        }
    }

    private static ServerConnector connector(Server server, ServerSettings settings) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(16 * 1024);
        ServerConnector connector;
        if (settings.tls().isPresent()) {
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false);
            http.addCustomizer(secure);
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStorePath(settings.tls().get().keyStore().toString());
            tls.setKeyStoreType("PKCS12");
            tls.setKeyStorePassword(settings.tls().get().password());
            tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
            connector = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"),
                    new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(server, new HttpConnectionFactory(http));
        }
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        connector.setIdleTimeout(30_000);
        return connector;
    }

    private static void refusePlainHttpOffLoopback(ServerSettings settings) {
        if (settings.tls().isPresent() || settings.insecureHttp() || loopback(settings.host())) {
            return;
        }
        throw new IllegalArgumentException("refusing to serve plain HTTP on " + settings.host()
                + ", which is not a loopback address: configure server.tls, or pass --insecure-http if a "
                + "TLS-terminating proxy is in front");
    }

    static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The port bound (the actual one when 0 was asked for). */
    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http(s)://host:port}, where the server listens (the IdP's public base URL may differ). */
    public URI baseUrl() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return URI.create((settings.tls().isPresent() ? "https" : "http") + "://" + host + ":" + port());
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        server.join();
    }

    /** Stops gracefully; idempotent. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the IdP web server did not stop cleanly: " + e.getMessage(), e);
        }
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception ignored) {
            // already failing to start; the start failure is what gets reported
        }
    }

    /** The port is already in use. */
    public static final class PortInUseException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int port;

        PortInUseException(String host, int port, Throwable cause) {
            super("port " + port + " on " + host + " is already in use", cause);
            this.port = port;
        }

        public int port() {
            return port;
        }
    }
}
