package dev.stsbridge.app;

import java.io.Console;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import dev.stsbridge.app.login.LoginFailure;
import dev.stsbridge.app.login.ProfileCache;
import dev.stsbridge.app.login.SharedCredentialsFile;

/**
 * What {@code login}, {@code credentials} and {@code console} share: the home directory (and so {@code ~/.aws} and
 * {@code ~/.stsbridge}), the password (from {@value PersonSource#PASSWORD_VARIABLE} or the terminal, never echoed),
 * questions on the terminal, and how a {@link LoginFailure} becomes a one-line error.
 */
final class LoginOptions {

    static final String DEFAULT_PROFILE = "stsbridge";

    private LoginOptions() {
    }

    static Path home(Environment environment) {
        String home = environment.variables().get("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"));
    }

    static SharedCredentialsFile credentialsFile(Environment environment) {
        return SharedCredentialsFile.of(environment.variables(), home(environment));
    }

    static ProfileCache cache(Environment environment) {
        return ProfileCache.of(environment.variables(), home(environment));
    }

    /** The password from the environment, else typed at the terminal; empty when there is neither. */
    static Optional<char[]> password(Map<String, String> variables, String user) {
        String variable = variables.get(PersonSource.PASSWORD_VARIABLE);
        if (variable != null) {
            return Optional.of(variable.toCharArray());
        }
        Console console = System.console();
        if (console == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(console.readPassword("Password for %s: ", user));
    }

    /** The TOTP code: the option, else {@code STSBRIDGE_OTP}. */
    static Optional<String> otp(Optional<String> option, Environment environment) {
        return option.or(() -> Optional.ofNullable(environment.variables().get("STSBRIDGE_OTP")))
                .map(String::strip).filter(s -> !s.isEmpty());
    }

    /** Asks on the terminal; empty without one. */
    static Optional<String> ask(String question) {
        Console console = System.console();
        return console == null ? Optional.empty() : Optional.ofNullable(console.readLine("%s", question));
    }

    static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }

    static CommandFailure failure(LoginFailure e) {
        return new CommandFailure(ExitCodes.ERROR, e.getMessage(), e);
    }
}
