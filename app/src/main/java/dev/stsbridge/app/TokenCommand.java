package dev.stsbridge.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.stsbridge.app.token.AuthorizationCodeFlow;
import dev.stsbridge.app.token.IssuerTrust;
import dev.stsbridge.app.token.TokenFailure;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code stsbridge token}: an ID token from an OpenID Connect issuer, the way a native app gets one (RFC 8252, like
 * {@code aws sso login}): a listener on 127.0.0.1, the authorization URL for the browser, the code redeemed with PKCE,
 * the token checked against the issuer's keys ({@link AuthorizationCodeFlow}), then written to {@code --out} (0600)
 * or standard output, for {@code aws sts assume-role-with-web-identity --web-identity-token file://...} or
 * {@code AWS_WEB_IDENTITY_TOKEN_FILE}.
 */
@Command(name = "token", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Get an OpenID Connect ID token in the browser (authorization code + PKCE, loopback redirect) "
                + "and write it to --out (mode 0600) or standard output.",
            "TLS to the issuer is trusted by --thumbprint (the SHA-1 the demo prints), --certificate, or with --demo "
                + "the demo's own certificate in --data-dir; otherwise by the JDK's trust store."})
public final class TokenCommand implements Callable<Integer> {

    static final URI DEMO_ISSUER = URI.create("https://localhost:8443");
    static final String DEMO_CLIENT = "stsbridge-demo";

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--issuer", paramLabel = "URL",
            description = "The issuer, exactly as in its tokens (the demo: https://localhost:8443).")
    Optional<URI> issuer = Optional.empty();

    @Option(names = "--client", paramLabel = "ID", defaultValue = DEMO_CLIENT,
            description = "The client ID (a public client; default: ${DEFAULT-VALUE}).")
    String client;

    @ArgGroup(exclusive = true)
    Trust trust = new Trust();

    static final class Trust {
        @Option(names = "--thumbprint", paramLabel = "SHA1", description = "Trust the issuer's TLS certificate (or a "
                + "CA of its chain) with this SHA-1 thumbprint, 40 hex digits (the demo prints it).")
        Optional<String> thumbprint = Optional.empty();

        @Option(names = "--certificate", paramLabel = "FILE", description = "Trust only this certificate (PEM or DER).")
        Optional<Path> certificate = Optional.empty();

        @Option(names = "--demo", description = "The demo's issuer (default https://localhost:8443), trusted by its "
                + "certificate in --data-dir.")
        boolean demo;
    }

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "With --demo: the demo's data directory (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the token here (mode 0600) instead of stdout.")
    Optional<Path> out = Optional.empty();

    @Option(names = "--login", description = "Sign in again even when the browser has an IdP session "
            + "(prompt=login), e.g. as another person.")
    boolean login;

    @Option(names = "--open", description = "Open the URL with $BROWSER or xdg-open as well as printing it.")
    boolean open;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long to wait for the sign-in (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() {
        URI theIssuer = issuer.orElseGet(() -> {
            if (!trust.demo) {
                throw new CommandFailure(ExitCodes.ERROR, "give --issuer (or --demo for the demo's issuer)");
            }
            return DEMO_ISSUER;
        });
        PrintWriter err = spec.commandLine().getErr();
        try {
            AuthorizationCodeFlow flow = new AuthorizationCodeFlow(theIssuer, client, issuerTrust(),
                    Duration.ofSeconds(timeoutSeconds), login ? Optional.of("login") : Optional.empty());
            String idToken = flow.signIn(url -> {
                err.println("Sign in in your browser (waiting " + timeoutSeconds + " s):");
                err.println("  " + url);
                err.flush();
                if (open) {
                    openBrowser(url, err);
                }
            });
            write(idToken);
            out.ifPresent(file -> err.println("ID token written to " + file));
            return ExitCodes.OK;
        } catch (TokenFailure e) {
            throw new CommandFailure(ExitCodes.ERROR, e.getMessage(), e);
        }
    }

    private IssuerTrust issuerTrust() {
        if (trust.thumbprint.isPresent()) {
            return IssuerTrust.thumbprint(trust.thumbprint.get());
        }
        if (trust.certificate.isPresent()) {
            return IssuerTrust.certificateFile(trust.certificate.get());
        }
        return trust.demo ? IssuerTrust.certificate(demoCertificate(dataDir)) : IssuerTrust.system();
    }

    /** The demo's HTTPS certificate, from {@code <data-dir>/oidc/tls/server.p12} and its password file. */
    static X509Certificate demoCertificate(Path dataDir) {
        Path tls = dataDir.resolve("oidc").resolve("tls");
        try (InputStream in = Files.newInputStream(tls.resolve("server.p12"))) {
            char[] password = Files.readString(tls.resolve("server.password"), StandardCharsets.UTF_8).strip()
                    .toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return (X509Certificate) store.getCertificate(store.aliases().nextElement());
        } catch (IOException | GeneralSecurityException e) {
            throw new CommandFailure(ExitCodes.ERROR, "cannot read the demo's certificate in " + tls + " (has "
                    + "./stsbridge demo run with --data-dir " + dataDir + "?): " + e.getMessage(), e);
        }
    }

    private void write(String idToken) {
        try {
            if (out.isEmpty()) {
                main.environment().stdout().write((idToken + "\n").getBytes(StandardCharsets.US_ASCII));
                main.environment().stdout().flush();
                return;
            }
            Path file = out.get().toAbsolutePath();
            Path temporary = Files.createTempFile(file.getParent(), ".id-token-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, idToken, StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.ERROR, "cannot write the ID token: " + e.getMessage(), e);
        }
    }

    private void openBrowser(URI url, PrintWriter err) {
        String browser = Optional.ofNullable(main.environment().variables().get("BROWSER")).orElse("xdg-open");
        try {
            new ProcessBuilder(List.of(browser, url.toString())).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            err.println("(could not start " + browser + ": open the URL yourself)");
        }
    }
}
