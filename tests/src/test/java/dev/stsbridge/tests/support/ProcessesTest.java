package dev.stsbridge.tests.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class ProcessesTest {

    @Test
    void runCapturesExitCodeStdoutAndStderrSeparately() {
        Processes.Result result = Processes.command("/bin/sh", "-c", "cat; echo out; echo err >&2; exit 3")
                .stdin("in\n".getBytes(StandardCharsets.UTF_8)).run();

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("in\nout\n");
        assertThat(result.stderr()).isEqualTo("err\n");
    }

    @Test
    void environmentIsSetAndInheritedVariablesCanBeRemoved() {
        Processes.Result result = Processes.command("/bin/sh", "-c", "echo \"$STSBRIDGE_A|${HOME:+home}\"")
                .environment("STSBRIDGE_A", "a").removeEnvironment("HOME"::equals).run();

        assertThat(result.stdout()).isEqualTo("a|\n");
    }

    @Test
    void aProcessThatOverstaysItsTimeoutIsStoppedWithItsChildrenAndTheTestFails() {
        long[] child = new long[1];
        assertThatThrownBy(() -> Processes.command("/bin/sh", "-c", "sleep 60 & echo child $!; wait")
                .timeout(Duration.ofSeconds(2)).run())
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("timed out after PT2S: /bin/sh -c")
                .satisfies(e -> {
                    Matcher pid = Pattern.compile("child (\\d+)").matcher(e.getMessage());
                    assertThat(pid.find()).as(e.getMessage()).isTrue();
                    child[0] = Long.parseLong(pid.group(1));
                });
        assertThat(ProcessHandle.of(child[0]).filter(ProcessHandle::isAlive)).as("the child sleep").isEmpty();
    }

    @Test
    void aBackgroundProcessIsAwaitedByItsOutputAndStoppedByClose() {
        Processes.Running running = Processes.command("/bin/sh", "-c", "echo ready; exec sleep 60").start();
        try {
            assertThat(running.awaitOutput("ready", Duration.ofSeconds(10))).isEqualTo("ready\n");
            assertThat(running.isAlive()).isTrue();
        } finally {
            running.close();
        }
        assertThat(running.isAlive()).isFalse();
    }

    @Test
    void awaitingOutputFromAProcessThatExitsFailsWithWhatItPrinted() {
        try (Processes.Running running = Processes.command("/bin/sh", "-c", "echo oops >&2; exit 2").start()) {
            assertThatThrownBy(() -> running.awaitOutput("ready", Duration.ofSeconds(10)))
                    .isInstanceOf(AssertionError.class).hasMessageStartingWith("exited before printing 'ready'")
                    .hasMessageContaining("-> exit 2").hasMessageContaining("oops");
        }
    }
}
