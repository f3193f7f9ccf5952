package dev.stsbridge.app;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.stsbridge.idp.config.ConfigException;
import dev.stsbridge.idp.config.ServerConfig;
import dev.stsbridge.idp.config.StsbridgeConfig;
import dev.stsbridge.idp.sso.IdpApplication;
import dev.stsbridge.idp.web.IdpServer;
import dev.stsbridge.idp.web.ServerSettings;
import dev.stsbridge.idp.web.ops.AuditLog;
import dev.stsbridge.idp.web.state.SharedState;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code stsbridge serve}: runs the IdP's web server (login, portal, SSO, metadata) from a configuration file until
 * Ctrl-C. {@code --host}, {@code --port} and {@code --data-dir} override the file. With {@code state.postgresql}
 * several nodes share sessions, AuthnRequest IDs, throttles and MFA enrollments in that database (and run on its
 * clock); each needs the same data directory's keys (or a copy). When the configured base URL is
 * plain HTTP on loopback (a local setup such as the demo), it follows the address actually served, so that a
 * {@code --port} change keeps the metadata and entity ID right.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the IdP web server (login, AWS portal, SSO, metadata download) from a configuration file.")
public final class ServeCommand implements Callable<Integer> {

    static final class Source {
        @Option(names = "--config", paramLabel = "FILE", required = true, description = "The configuration file "
                + "(stsbridge.yaml).")
        Path config;

        @Option(names = "--demo", required = true,
                description = "Use the bundled demo configuration (embedded directory with alice, bob and carol).")
        boolean demo;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: the configuration's "
            + "data-dir).")
    Optional<Path> dataDir = Optional.empty();

    @Option(names = "--host", paramLabel = "HOST", description = "Address to bind (default: server.host, 127.0.0.1).")
    Optional<String> host = Optional.empty();

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (default: server.port, 8080).")
    Optional<Integer> port = Optional.empty();

    @Option(names = "--insecure-http", description = "Allow plain HTTP on a non-loopback address (only behind a "
            + "TLS-terminating proxy).")
    boolean insecureHttp;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Environment environment = main.environment();
        StsbridgeConfig config = config();
        SharedState state = openState(config, environment);
        IdpApplication idp;
        try {
            idp = IdpApplication.start(config, environment.variables(), state.web().clock(), state.dataSource());
        } catch (RuntimeException e) {
            state.close();
            throw e;
        }
        IdpServer server = startServer(config, environment, idp, state);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            idp.close();
            state.close();
        }, "idp-shutdown"));
        banner(spec.commandLine().getOut(), idp, server, config);
        server.join();
        return ExitCodes.OK;
    }

    private IdpServer startServer(StsbridgeConfig config, Environment environment, IdpApplication idp,
                                  SharedState state) {
        try {
            return IdpServer.start(idp, ServerSettings.from(config, environment.variables(), environment.clock())
                    .withInsecureHttp(insecureHttp), AuditLog.toLogger(), Optional.empty(), state.web());
        } catch (IdpServer.PortInUseException e) {
            idp.close();
            state.close();
            throw new CommandFailure(ExitCodes.ERROR, "port " + e.port() + " is already in use; choose another "
                    + "with --port");
        } catch (RuntimeException e) {
            idp.close();
            state.close();
            throw e;
        }
    }

    /** The {@code state:} section opened: nothing on one node, the shared database (migrated) on several. */
    private static SharedState openState(StsbridgeConfig config, Environment environment) {
        try {
            return SharedState.open(config, environment.variables(), environment.clock());
        } catch (IllegalStateException e) {
            throw new CommandFailure(ExitCodes.ERROR, e.getMessage(), e);
        }
    }

    /** The configuration with the command line's overrides applied. */
    StsbridgeConfig config() {
        StsbridgeConfig config;
        try {
            config = source.demo ? StsbridgeConfig.demo() : StsbridgeConfig.load(source.config);
        } catch (ConfigException e) {
            throw new CommandFailure(ExitCodes.ERROR, e.getMessage(), e);
        }
        config = dataDir.map(config::withDataDir).orElse(config);
        ServerConfig server = config.server();
        ServerConfig overridden = new ServerConfig(host.orElse(server.host()), port.orElse(server.port()),
                server.tls(), server.sessionIdleTimeout(), server.sessionAbsoluteTimeout());
        config = config.withServer(overridden);
        URI base = config.baseUrl();
        if ("http".equals(base.getScheme()) && overridden.loopback()
                && isLoopbackUrl(base) && overridden.port() != 0
                && (base.getPort() != overridden.port() || !base.getHost().equals(overridden.host()))) {
            config = config.withBaseUrl(URI.create("http://" + hostInUrl(overridden.host()) + ":" + overridden.port()));
        }
        return config;
    }

    private static boolean isLoopbackUrl(URI url) {
        String host = url.getHost();
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    private static String hostInUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static void banner(PrintWriter out, IdpApplication idp, IdpServer server, StsbridgeConfig config) {
        URI base = idp.identity().baseUrl();
        out.println("stsbridge serve: IdP " + idp.identity().entityId() + " listening on " + server.baseUrl());
        config.state().postgresql().ifPresent(db -> out.println("  state:    shared in PostgreSQL " + db.url()));
        out.println("  sign in:  " + base + "/login");
        out.println("  metadata: " + base + "/saml2/metadata");
        out.println("  health:   " + base + "/healthz");
        idp.oidc().ifPresent(oidc -> out.println("  OpenID Connect issuer: " + oidc.issuer()
                + " (discovery at /.well-known/openid-configuration)"));
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }
}
