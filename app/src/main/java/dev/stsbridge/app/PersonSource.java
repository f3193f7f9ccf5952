package dev.stsbridge.app;

import java.io.Console;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import dev.stsbridge.idp.config.ConfigException;
import dev.stsbridge.idp.config.StsbridgeConfig;
import dev.stsbridge.idp.directory.AuthenticationFailedException;
import dev.stsbridge.idp.directory.DirectoryUnavailableException;
import dev.stsbridge.idp.directory.DirectoryUser;
import dev.stsbridge.idp.sso.IdpApplication;
import dev.stsbridge.idp.sso.SignedInUser;
import dev.stsbridge.keys.KeyRingStore;

/**
 * The IdP and the person a command acts for, exactly as the web server would have them: {@code --demo} (the bundled
 * configuration; the user is looked up without a password) or {@code --config FILE} (the user authenticates with the
 * password of {@value #PASSWORD_VARIABLE} or the terminal). Shared by {@code assertion} and {@code abac}.
 */
final class PersonSource {

    /** The environment variable that carries the user's password for {@code --config}. */
    static final String PASSWORD_VARIABLE = "STSBRIDGE_PASSWORD";

    private static final Duration SESSION_LENGTH = IdpApplication.DEFAULT_SESSION_LENGTH;

    private final DemoOrConfig source;
    private final Environment environment;
    private final PrintWriter err;

    PersonSource(DemoOrConfig source, Environment environment, PrintWriter err) {
        this.source = source;
        this.environment = environment;
        this.err = err;
    }

    /** The configuration, placed at {@code baseUrl} and {@code dataDir} when given. */
    StsbridgeConfig configuration(Optional<URI> baseUrl, Optional<Path> dataDir) {
        StsbridgeConfig config;
        try {
            config = source.config().map(StsbridgeConfig::load).orElseGet(StsbridgeConfig::demo);
        } catch (ConfigException e) {
            throw new CommandFailure(ExitCodes.ERROR, e.getMessage(), e);
        }
        StsbridgeConfig placed = baseUrl.map(config::withBaseUrl).orElse(config);
        return dataDir.map(placed::withDataDir).orElse(placed);
    }

    /** The IdP (keys generated on first use, which is said on stderr). Close it. */
    IdpApplication start(StsbridgeConfig config) {
        IdpApplication idp;
        try {
            idp = IdpApplication.start(config, environment.variables(), environment.clock());
        } catch (IllegalStateException e) {
            throw new CommandFailure(ExitCodes.ERROR, e.getMessage(), e);
        }
        if (idp.keysGenerated()) {
            err.println("stsbridge: no keys yet: generated signing key " + idp.keys().current().id() + " ("
                    + idp.keys().current().algorithm().name().replace('_', '-') + ") in "
                    + config.dataDir().resolve(KeyRingStore.KEYS_DIRECTORY).resolve(KeyRingStore.STORE_FILE));
            err.flush();
        }
        return idp;
    }

    /** {@code --demo}: looked up without a password. {@code --config}: authenticated with the user's password. */
    SignedInUser signIn(IdpApplication idp, String user) {
        try {
            DirectoryUser person = source.demo() ? idp.directory().lookup(user).orElseThrow(() -> new CommandFailure(
                    ExitCodes.ERROR, "no user '" + user + "' in the demo directory (try alice, bob or carol)"))
                    : authenticate(idp, user);
            return idp.signedIn(person, false, SESSION_LENGTH);
        } catch (DirectoryUnavailableException e) {
            throw new CommandFailure(ExitCodes.ERROR, e.getMessage(), e);
        }
    }

    private DirectoryUser authenticate(IdpApplication idp, String user) throws DirectoryUnavailableException {
        char[] password = password(user);
        try {
            return idp.directory().authenticate(user, password);
        } catch (AuthenticationFailedException e) {
            throw new CommandFailure(ExitCodes.ERROR, AuthenticationFailedException.MESSAGE, e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private char[] password(String user) {
        String variable = environment.variables().get(PASSWORD_VARIABLE);
        if (variable != null) {
            return variable.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw new CommandFailure(ExitCodes.ERROR, "--config needs " + user + "'s password: set "
                    + PASSWORD_VARIABLE + ", or run in a terminal to be asked for it");
        }
        char[] typed = console.readPassword("Password for %s: ", user);
        if (typed == null) {
            throw new CommandFailure(ExitCodes.ERROR, "no password entered");
        }
        return typed;
    }
}
