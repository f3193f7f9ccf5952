package dev.stsbridge.verifier;

import java.net.BindException;
import java.net.URI;
import java.util.List;
import java.util.Objects;

import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The verifier's HTTP server (Jetty 12 core handlers): the AWS Query endpoint at {@code /} and any extra handlers
 * mounted at path specs (the console sign-in model: {@code /saml}, {@code /saml/acs/*}, {@code /console}; the
 * console federation endpoint {@code /federation}). Binds 127.0.0.1 by default; port 0 picks a free port.
 * {@link #close()} stops gracefully, letting requests in flight finish (up to {@value #STOP_TIMEOUT_MILLIS} ms).
 */
public final class VerifierServer implements AutoCloseable {

    public static final String DEFAULT_HOST = "127.0.0.1";
    static final long STOP_TIMEOUT_MILLIS = 5_000;

    /**
     * A handler mounted at a Jetty path spec ({@code /saml} exact, {@code /saml/acs/*} prefix, {@code ^regex$}).
     */
    public record Mount(String pathSpec, Handler handler) {
        public Mount {
            Objects.requireNonNull(pathSpec, "pathSpec");
            Objects.requireNonNull(handler, "handler");
        }
    }

    private final Server server;
    private final ServerConnector connector;
    private final String host;

    public VerifierServer(String host, int port, Handler queryHandler, List<Mount> mounts) {
        this.host = Objects.requireNonNull(host, "host");
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("verifier");
        this.server = new Server(threads);
        this.connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        PathMappingsHandler routes = new PathMappingsHandler();
        routes.addMapping(PathSpec.from("^/$"), queryHandler);
        mounts.forEach(m -> routes.addMapping(PathSpec.from(m.pathSpec()), m.handler()));
        server.setHandler(new GracefulHandler(routes));
        server.setStopTimeout(STOP_TIMEOUT_MILLIS);
        server.setStopAtShutdown(false);
    }

    /**
     * @throws PortInUseException when the port is taken
     * @throws IllegalStateException when the server cannot start for another reason
     */
    public VerifierServer start() {
        try {
            connector.open(); // binds first, so that a taken port fails here, before Jetty's lifecycle logs it
            server.start();
            return this;
        } catch (Exception e) {
            stopQuietly();
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException) {
                    throw new PortInUseException(host, connector.getPort(), e);
                }
            }
            throw new IllegalStateException("the verifier server cannot start: " + e.getMessage(), e);
        }
    }

    /** The port bound (the actual one when 0 was asked for). */
    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://host:port} */
    public URI endpoint() {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + shown + ":" + port());
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the verifier server did not stop cleanly: " + e.getMessage(), e);
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
