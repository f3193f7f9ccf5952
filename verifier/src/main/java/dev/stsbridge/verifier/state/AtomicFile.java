package dev.stsbridge.verifier.state;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Writes a file so that a crash at any moment leaves either the old content or the new one, never a mix: the content
 * goes to a temporary file in the same directory (created with mode 0600), which is forced to disk and then moved
 * over the target with {@code ATOMIC_MOVE}; the directory is then forced too, where the platform allows it.
 * Temporary files left by a crash are named {@code .<name>.tmp-*}; {@link #removeLeftovers} deletes them.
 * The verifier's own helper: it shares no code with the IdP modules.
 */
public final class AtomicFile {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private AtomicFile() {
    }

    /** Writes the content produced by {@code writer}. */
    @FunctionalInterface
    public interface ContentWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Replaces {@code target} with what {@code writer} writes. If the writer or any step fails, the target is left
     * as it was and the temporary file is removed.
     */
    public static void write(Path target, ContentWriter writer) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temp = createTemp(directory, target.getFileName().toString());
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = Channels.newOutputStream(channel);
                writer.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        forceDirectory(directory);
    }

    /** Deletes the temporary files a crashed {@link #write} of {@code target} may have left behind. */
    public static void removeLeftovers(Path target) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory,
                "." + target.getFileName() + ".tmp-*")) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    private static Path createTemp(Path directory, String name) throws IOException {
        try {
            return Files.createTempFile(directory, "." + name + ".tmp-", "",
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            Path temp = Files.createTempFile(directory, "." + name + ".tmp-", "");
            temp.toFile().setReadable(false, false);
            temp.toFile().setReadable(true, true);
            temp.toFile().setWritable(false, false);
            temp.toFile().setWritable(true, true);
            return temp;
        }
    }

    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, EnumSet.of(StandardOpenOption.READ))) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms cannot open or sync a directory; the file itself was forced before the move.
        }
    }
}
