package dev.stsbridge.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.stsbridge.app.login.ConsoleFederation;
import dev.stsbridge.app.login.LoginFailure;
import dev.stsbridge.app.login.ProfileCache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code stsbridge console}: a console sign-in URL for a profile's session, made through the federation endpoint
 * ({@link ConsoleFederation}); printed, or opened in the browser.
 */
@Command(name = "console", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print (or --open) a console sign-in URL for the session of a profile signed in with "
                + "`stsbridge login`: the federation endpoint (getSigninToken, then login) of the sign-in URL's "
                + "partition, or of --sts-endpoint's host when the profile used one (the verifier).",
            "The URL signs in whoever opens it within 15 minutes: treat it as a secret."})
public final class ConsoleCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--profile", paramLabel = "PROFILE", defaultValue = LoginOptions.DEFAULT_PROFILE,
            description = "The profile (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--destination", paramLabel = "URL",
            description = "The console page to land on (default: the console's start page).")
    Optional<URI> destination = Optional.empty();

    @Option(names = "--federation-url", paramLabel = "URL",
            description = "The federation endpoint (default: from the profile's sign-in).")
    Optional<URI> federationUrl = Optional.empty();

    @Option(names = "--open", description = "Open the URL in the browser (xdg-open or open) instead of printing it.")
    boolean open;

    @Override
    public Integer call() {
        Environment environment = main.environment();
        try {
            ProfileCache.Entry entry = LoginOptions.cache(environment).read(profile).orElseThrow(() ->
                    new CommandFailure(ExitCodes.ERROR, "profile " + profile + " has not signed in: run stsbridge "
                            + "login --profile " + profile));
            if (!entry.credentials().validAt(environment.clock().instant(), java.time.Duration.ZERO)) {
                throw new CommandFailure(ExitCodes.ERROR, "the session of profile " + profile + " expired at "
                        + entry.credentials().expiration() + ": run stsbridge login --profile " + profile);
            }
            URI federation = federationUrl.orElseGet(() -> ConsoleFederation.endpoint(entry.signinUrl(),
                    entry.settings().stsEndpoint()));
            URI url = ConsoleFederation.loginUrl(federation, entry.credentials(), entry.settings().idp(),
                    destination.orElseGet(() -> ConsoleFederation.console(entry.signinUrl())));
            PrintWriter out = spec.commandLine().getOut();
            if (open && browse(url)) {
                out.println("Opened the console for " + entry.credentials().assumedRoleArn() + ".");
            } else {
                out.println(url);
            }
            out.flush();
            return ExitCodes.OK;
        } catch (LoginFailure e) {
            throw LoginOptions.failure(e);
        }
    }

    private boolean browse(URI url) {
        String opener = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("mac")
                ? "open" : "xdg-open";
        try {
            Process process = new ProcessBuilder(List.of(opener, url.toString())).inheritIO().start();
            return process.waitFor() == 0;
        } catch (IOException e) {
            spec.commandLine().getErr().println("stsbridge: cannot run " + opener + " (" + e.getMessage()
                    + "); here is the URL instead");
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
