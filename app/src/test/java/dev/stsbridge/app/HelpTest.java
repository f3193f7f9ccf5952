package dev.stsbridge.app;

import static dev.stsbridge.app.CommandRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "keys", "keys generate", "keys rotate", "keys promote", "keys list",
        "metadata", "metadata export", "metadata sign", "metadata verify", "assertion"})
    void everyLevelHasHelp(String command) {
        String[] args = (command + " --help").trim().split(" ");
        CommandRun help = run(args);

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: stsbridge" + (command.isEmpty() ? "" : " " + command) + " ");
        assertThat(help.err()).isEmpty();
    }

    @Test
    void withoutASubcommandTheUsageIsPrinted() {
        CommandRun bare = run("metadata");
        assertThat(bare.exitCode()).isZero();
        assertThat(bare.out()).startsWith("Usage: stsbridge metadata").contains("export", "sign", "verify");
    }

    @Test
    void anUnknownOptionIsOneLineAndExit1() {
        CommandRun unknown = run("keys", "list", "--bogus");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("stsbridge: Unknown option: '--bogus' (see 'stsbridge keys list --help')\n");
    }
}
