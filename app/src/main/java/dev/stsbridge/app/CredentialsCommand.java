package dev.stsbridge.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stsbridge.app.login.CliSignIn;
import dev.stsbridge.app.login.LoginFailure;
import dev.stsbridge.app.login.LoginSettings;
import dev.stsbridge.app.login.ProfileCache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code stsbridge credentials}: a {@code credential_process} for the AWS CLI and SDKs. Prints the profile's cached
 * credentials as the process protocol's JSON (Version 1, with Expiration) while they are good for more than
 * {@link #REFRESH_BEFORE}; after that signs in again the way the profile's last sign-in did (or as the options say),
 * with the password from STSBRIDGE_PASSWORD or the terminal, and caches the new session.
 */
@Command(name = "credentials", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print a profile's temporary credentials for credential_process (JSON, Version 1), from "
                + "stsbridge's cache while they are valid for more than 15 minutes, else after signing in again "
                + "(the password from STSBRIDGE_PASSWORD, or the terminal).",
            "In ~/.aws/config: [profile demo-process] / credential_process = /path/to/stsbridge credentials "
                + "--profile demo"})
public final class CredentialsCommand implements Callable<Integer> {

    /** Refresh this long before the expiry: botocore asks again from 15 minutes before it. */
    static final Duration REFRESH_BEFORE = Duration.ofMinutes(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--profile", paramLabel = "PROFILE", defaultValue = LoginOptions.DEFAULT_PROFILE,
            description = "The profile signed in with `stsbridge login` (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--idp", paramLabel = "URL", description = "Sign in at this IdP (default: the profile's).")
    Optional<URI> idp = Optional.empty();

    @Option(names = "--user", paramLabel = "NAME", description = "As this user (default: the profile's).")
    Optional<String> user = Optional.empty();

    @Option(names = "--account", paramLabel = "ACCOUNT", description = "Account (default: the profile's).")
    Optional<String> account = Optional.empty();

    @Option(names = "--role", paramLabel = "ROLE", description = "Role (default: the profile's).")
    Optional<String> role = Optional.empty();

    @Option(names = "--duration", paramLabel = "SECONDS", description = "DurationSeconds (default: the profile's).")
    Optional<Integer> duration = Optional.empty();

    @Option(names = "--sts-endpoint", paramLabel = "URL", description = "STS endpoint (default: the profile's).")
    Optional<URI> stsEndpoint = Optional.empty();

    @Option(names = "--otp", paramLabel = "CODE",
            description = "A current code from your authenticator app, when the IdP requires MFA (default: "
                    + "STSBRIDGE_OTP).")
    Optional<String> otp = Optional.empty();

    @Override
    public Integer call() throws IOException {
        Environment environment = main.environment();
        ProfileCache cache = LoginOptions.cache(environment);
        try {
            Optional<ProfileCache.Entry> cached = cache.read(profile);
            Instant now = environment.clock().instant();
            ProfileCache.Entry entry;
            if (cached.isPresent() && !changed(cached.get().settings())
                    && cached.get().credentials().validAt(now, REFRESH_BEFORE)) {
                entry = cached.get();
            } else {
                entry = signInAgain(environment, cache, cached);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(JSON.writeValueAsString(entry.credentials().credentialProcessOutput()));
            out.flush();
            return ExitCodes.OK;
        } catch (LoginFailure e) {
            throw LoginOptions.failure(e);
        }
    }

    private boolean changed(LoginSettings settings) {
        return idp.filter(u -> !LoginOptions.withoutTrailingSlash(u).equals(settings.idp())).isPresent()
                || user.filter(u -> !u.equals(settings.user())).isPresent()
                || account.filter(a -> !a.equals(settings.account())).isPresent()
                || role.filter(r -> !r.equals(settings.role())).isPresent()
                || duration.filter(d -> !Optional.of(d).equals(settings.durationSeconds())).isPresent()
                || stsEndpoint.filter(s -> !Optional.of(s).equals(settings.stsEndpoint())).isPresent();
    }

    private ProfileCache.Entry signInAgain(Environment environment, ProfileCache cache,
                                           Optional<ProfileCache.Entry> cached) {
        Optional<LoginSettings> before = cached.map(ProfileCache.Entry::settings);
        URI idpUrl = idp.map(LoginOptions::withoutTrailingSlash).or(() -> before.map(LoginSettings::idp))
                .orElseThrow(() -> new CommandFailure(ExitCodes.ERROR, "profile " + profile + " has not signed in: "
                        + "run stsbridge login --profile " + profile + " (or give --idp, --user, --account, --role)"));
        String name = user.or(() -> before.map(LoginSettings::user)).orElseThrow(() ->
                new CommandFailure(ExitCodes.ERROR, "give --user"));
        Optional<String> accountChoice = account.or(() -> before.map(LoginSettings::account));
        Optional<String> roleChoice = role.or(() -> before.map(LoginSettings::role));
        char[] password = LoginOptions.password(environment.variables(), name).orElseThrow(() ->
                new CommandFailure(ExitCodes.ERROR, cached.map(c -> "the credentials of profile " + profile
                        + " expire at " + c.credentials().expiration() + " (stsbridge renews them 15 minutes before)")
                        .orElse("profile " + profile + " has no credentials yet")
                        + ": run stsbridge login --profile " + profile + ", or set " + PersonSource.PASSWORD_VARIABLE
                        + " to let credential_process sign in again"));
        try {
            ProfileCache.Entry entry = CliSignIn.signIn(idpUrl, name, password, accountChoice, roleChoice,
                    duration.or(() -> before.flatMap(LoginSettings::durationSeconds)),
                    stsEndpoint.or(() -> before.flatMap(LoginSettings::stsEndpoint)), LoginOptions.otp(otp, environment),
                    question -> Optional.empty());
            cache.write(profile, entry);
            return entry;
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
