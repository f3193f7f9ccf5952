package dev.stsbridge.verifier.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path dir;

    private static AtomicFile.ContentWriter text(String content) {
        return out -> out.write(content.getBytes(StandardCharsets.UTF_8));
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.toList();
        }
    }

    @Test
    void writeCreatesTheFileOwnerOnly() throws IOException {
        Path target = dir.resolve("state.json");

        AtomicFile.write(target, text("{}"));

        assertThat(Files.readString(target)).isEqualTo("{}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
        assertThat(files()).containsExactly(target);
    }

    @Test
    void writeWhenTheWriterFailsHalfwayThenTheOldContentStaysAndNoTempFileRemains() throws IOException {
        Path target = dir.resolve("state.json");
        AtomicFile.write(target, text("{\"old\":true}"));

        assertThatThrownBy(() -> AtomicFile.write(target, out -> {
            out.write("{\"new\":".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");

        assertThat(Files.readString(target)).isEqualTo("{\"old\":true}");
        assertThat(files()).containsExactly(target);
    }

    @Test
    void removeLeftoversDeletesOnlyTheTempFilesOfThatTarget() throws IOException {
        Path target = dir.resolve("state.json");
        Path leftover = Files.writeString(dir.resolve(".state.json.tmp-123"), "{\"half");
        Path other = Files.writeString(dir.resolve(".other.json.tmp-1"), "x");

        AtomicFile.removeLeftovers(target);

        assertThat(leftover).doesNotExist();
        assertThat(other).exists();
    }

    record Doc(int version, List<String> names) {
    }

    @Test
    void jsonStateFileLoadsTheLastCompleteSaveDespiteALeftoverFromACrash() throws IOException {
        JsonStateFile<Doc> file = new JsonStateFile<>(dir.resolve("state.json"), Doc.class);
        file.save(new Doc(1, List.of("a", "b")));
        Files.writeString(dir.resolve(".state.json.tmp-999"), "{\"version\":1,\"names\":[\"a\"");

        assertThat(file.load()).contains(new Doc(1, List.of("a", "b")));
        assertThat(files()).containsExactly(dir.resolve("state.json"));
    }

    @Test
    void jsonStateFileWhenMissingIsEmpty() {
        assertThat(new JsonStateFile<>(dir.resolve("none.json"), Doc.class).load()).isEmpty();
    }
}
