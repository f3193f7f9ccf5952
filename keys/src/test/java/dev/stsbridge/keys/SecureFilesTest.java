package dev.stsbridge.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecureFilesTest {

    @TempDir
    Path dir;

    @Test
    void writeAtomicallyCreatesTheFileWithMode0600() throws IOException {
        Path file = dir.resolve("secret");
        SecureFiles.writeAtomically(file, bytes("s3cret"));

        assertThat(Files.readString(file)).isEqualTo("s3cret");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(filesIn(dir)).containsExactly("secret");
    }

    @Test
    void writeAtomicallyReplacesAnExistingFileAndTightensItsMode() throws IOException {
        Path file = dir.resolve("secret");
        Files.writeString(file, "old, longer content");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        SecureFiles.writeAtomically(file, bytes("new"));

        assertThat(Files.readString(file)).isEqualTo("new");
        assertThat(mode(file)).isEqualTo("rw-------");
    }

    @Test
    void createAtomicallyIfAbsentNeverReplacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("nameid-secret");
        assertThat(SecureFiles.createAtomicallyIfAbsent(file, bytes("first"))).isTrue();
        assertThat(SecureFiles.createAtomicallyIfAbsent(file, bytes("second"))).isFalse();
        assertThat(Files.readString(file)).isEqualTo("first");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void writeAtomicallyWithPublicPermissionsGivesMode0644() throws IOException {
        Path file = dir.resolve("metadata.xml");
        SecureFiles.writeAtomically(file, bytes("<x/>"), SecureFiles.PUBLIC_FILE);
        assertThat(mode(file)).isEqualTo("rw-r--r--");
    }

    @Test
    void writeWhenTheFinalMoveFailsThenOldFileIsUntouchedAndNoTemporaryFileIsLeft() throws IOException {
        Path file = dir.resolve("secret");
        Files.writeString(file, "old");
        SecureFiles.Mover failing = (source, target) -> {
            assertThat(Files.readString(source)).isEqualTo("new");  // the temporary file was complete
            throw new IOException("disk on fire");
        };

        assertThatThrownBy(() -> SecureFiles.write(file, bytes("new"), SecureFiles.OWNER_ONLY_FILE, failing))
                .isInstanceOf(IOException.class).hasMessage("disk on fire");

        assertThat(Files.readString(file)).isEqualTo("old");
        assertThat(filesIn(dir)).containsExactly("secret");
    }

    @Test
    void writeWhenTargetIsANonEmptyDirectoryThenFailsAndLeavesNoTemporaryFile() throws IOException {
        Path target = Files.createDirectory(dir.resolve("target"));
        Files.writeString(target.resolve("inside"), "keep me");

        assertThatThrownBy(() -> SecureFiles.writeAtomically(target, bytes("new"))).isInstanceOf(IOException.class);

        assertThat(Files.readString(target.resolve("inside"))).isEqualTo("keep me");
        assertThat(filesIn(dir)).containsExactly("target");
    }

    @Test
    void writeWhenParentIsARegularFileThenFails() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("plain"), "x");
        assertThatThrownBy(() -> SecureFiles.writeAtomically(notADirectory.resolve("secret"), bytes("s")))
                .isInstanceOf(IOException.class);
        assertThat(filesIn(dir)).containsExactly("plain");
    }

    @Test
    void createPrivateDirectoriesCreatesEachMissingLevelWithMode0700() throws IOException {
        Path deep = dir.resolve("a").resolve("b");
        SecureFiles.createPrivateDirectories(deep);
        assertThat(mode(dir.resolve("a"))).isEqualTo("rwx------");
        assertThat(mode(deep)).isEqualTo("rwx------");
    }

    @Test
    void createPrivateDirectoriesLeavesAnExistingDirectoryAsItIs() throws IOException {
        Path existing = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-xr-x"));
        SecureFiles.createPrivateDirectories(existing);
        assertThat(mode(existing)).isEqualTo("rwxr-xr-x");
    }

    static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    static java.util.List<String> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
