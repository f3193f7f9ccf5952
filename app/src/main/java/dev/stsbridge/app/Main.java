package dev.stsbridge.app;

import java.io.PrintWriter;

import dev.stsbridge.app.keys.KeysCommand;
import dev.stsbridge.app.metadata.MetadataCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code stsbridge} command. Subcommands are listed here, one line each; each issue adds its own
 * ({@code demo}, {@code serve}, {@code verifier}, {@code assertion}).
 */
@Command(name = "stsbridge", mixinStandardHelpOptions = true, version = "stsbridge 0.1.0",
        description = "A SAML 2.0 identity provider for AWS, and a local model of AWS's side to test it against.",
        subcommands = {
            DemoCommand.class,
            KeysCommand.class,
            MetadataCommand.class,
            ServeCommand.class,
            VerifierCommand.class,
            AssertionCommand.class,
            AbacCommand.class,
            LoginCommand.class,
            CredentialsCommand.class,
            ConsoleCommand.class,
            TokenCommand.class,
        })
public final class Main implements Runnable {

    private final Environment environment;
    private boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public Main(Environment environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        Logging.initialise();
        System.exit(commandLine(Environment.system()).execute(args));
    }

    /** The configured command line: one-line errors, exit codes of {@link ExitCodes}. */
    public static CommandLine commandLine(Environment environment) {
        CommandLine commandLine = new CommandLine(new Main(environment));
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> report(cmd, ExitCodes.failure(e)));
        commandLine.setParameterExceptionHandler(Main::usageError);
        return commandLine;
    }

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Log details, and print the stack trace of an error.")
    void setVerbose(boolean verbose) {
        this.verbose = verbose;
        if (verbose) {
            Logging.verbose();
        }
    }

    public Environment environment() {
        return environment;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static int report(CommandLine command, CommandFailure failure) {
        PrintWriter err = command.getErr();
        err.println("stsbridge: " + failure.getMessage());
        Main main = command.getCommandSpec().root().commandLine().getCommand();
        if (main.verbose && failure.getCause() != null) {
            failure.getCause().printStackTrace(err);
        }
        err.flush();
        return failure.exitCode();
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("stsbridge: " + e.getMessage() + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return ExitCodes.ERROR;
    }
}
