package dev.stsbridge.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code stsbridge} command. Subcommands are added as their issues land. */
@Command(name = "stsbridge", mixinStandardHelpOptions = true, version = "stsbridge 0.1.0",
        subcommands = {VerifierCommand.class},
        description = "A SAML 2.0 identity provider for AWS, and a local model of AWS's side to test it against.")
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
