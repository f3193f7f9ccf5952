package dev.stsbridge.app;

import java.io.PrintWriter;
import java.net.URI;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.stsbridge.app.login.CliSignIn;
import dev.stsbridge.app.login.LoginFailure;
import dev.stsbridge.app.login.ProfileCache;
import dev.stsbridge.app.login.SharedCredentialsFile;
import dev.stsbridge.app.login.StsSignIn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code stsbridge login}: AWS credentials in the terminal. The IdP's role catalogue and assertion (ECP, HTTP Basic),
 * AssumeRoleWithSAML, then the profile in the AWS shared credentials file and stsbridge's cache ({@link CliSignIn}).
 */
@Command(name = "login", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sign in to AWS from the terminal: the IdP checks your password (HTTP Basic) and gives the "
                + "assertion over ECP; STS (AssumeRoleWithSAML) turns it into temporary credentials, written to "
                + "--profile in ~/.aws/credentials (AWS_SHARED_CREDENTIALS_FILE; mode 0600, other profiles "
                + "untouched; the region of the sign-in URL into ~/.aws/config if the profile has none) and to stsbridge's cache (~/.stsbridge, STSBRIDGE_HOME) for `credentials` and `console`.",
            "The password comes from STSBRIDGE_PASSWORD, or is asked for on the terminal (not echoed). With several "
                + "roles and no --account/--role, you pick one from a list."})
public final class LoginCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--idp", paramLabel = "URL", required = true,
            description = "The IdP's base URL, e.g. https://sso.example.com (the demo: http://127.0.0.1:8080).")
    URI idp;

    @Option(names = "--user", paramLabel = "NAME", description = "Your login name (default: $USER).")
    Optional<String> user = Optional.empty();

    @Option(names = "--account", paramLabel = "ACCOUNT", description = "The account: ID or the IdP's name for it.")
    Optional<String> account = Optional.empty();

    @Option(names = "--role", paramLabel = "ROLE", description = "The role name in --account.")
    Optional<String> role = Optional.empty();

    @Option(names = "--profile", paramLabel = "PROFILE", defaultValue = LoginOptions.DEFAULT_PROFILE,
            description = "The AWS profile to write (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "DurationSeconds for the session (900 to the role's maximum; default: STS's, 1 hour).")
    Optional<Integer> duration = Optional.empty();

    @Option(names = "--sts-endpoint", paramLabel = "URL",
            description = "Call this STS instead of AWS's (the verifier: http://127.0.0.1:8090).")
    Optional<URI> stsEndpoint = Optional.empty();

    @Option(names = "--otp", paramLabel = "CODE",
            description = "A current code from your authenticator app, when the IdP requires MFA (default: "
                    + "STSBRIDGE_OTP).")
    Optional<String> otp = Optional.empty();

    @Override
    public Integer call() {
        Environment environment = main.environment();
        String name = user.or(() -> Optional.ofNullable(environment.variables().get("USER"))).orElseThrow(() ->
                new CommandFailure(ExitCodes.ERROR, "give --user (no $USER to default to)"));
        try {
            SharedCredentialsFile credentialsFile = LoginOptions.credentialsFile(environment);
            ProfileCache cache = LoginOptions.cache(environment);
            cache.file(profile); // the profile name is checked before the password is asked for
            char[] password = LoginOptions.password(environment.variables(), name).orElseThrow(() ->
                    new CommandFailure(ExitCodes.ERROR, "login needs " + name + "'s password: set "
                            + PersonSource.PASSWORD_VARIABLE + ", or run in a terminal to be asked for it"));
            ProfileCache.Entry entry;
            try {
                entry = CliSignIn.signIn(LoginOptions.withoutTrailingSlash(idp), name, password, account, role,
                        duration, stsEndpoint, LoginOptions.otp(otp, environment), LoginOptions::ask);
            } finally {
                Arrays.fill(password, '\0');
            }
            credentialsFile.write(profile, entry.credentials(), StsSignIn.region(entry.signinUrl()).id());
            cache.write(profile, entry);
            PrintWriter out = spec.commandLine().getOut();
            out.println("Signed in as " + entry.credentials().assumedRoleArn() + " until "
                    + entry.credentials().expiration() + ".");
            out.println("Profile " + profile + " written to " + credentialsFile.path() + ": use --profile " + profile
                    + " (credential_process: stsbridge credentials --profile " + profile + ").");
            out.flush();
            return ExitCodes.OK;
        } catch (LoginFailure e) {
            throw LoginOptions.failure(e);
        }
    }
}
