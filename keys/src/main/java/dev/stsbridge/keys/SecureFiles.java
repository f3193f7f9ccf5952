package dev.stsbridge.keys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;

/**
 * Files that must never be half-written and may hold secrets (key stores, passwords, HMAC secrets).
 *
 * <p>{@link #writeAtomically(Path, byte[])} writes to a temporary file in the target's directory (created with
 * mode 0600, so the secret is never readable by others, not even for a moment), forces it to disk, renames it
 * over the target with an atomic move (a plain move only where the file system has no atomic rename) and then
 * forces the directory, so that after a crash the target is either the old file or the new one. If anything
 * fails, the old file is untouched and the temporary file is removed.
 *
 * <p>On file systems without POSIX permissions (not the case on Linux), files and directories get the
 * platform's defaults.
 */
public final class SecureFiles {

    /** Mode 0600: read and write by the owner only. */
    public static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    /** Mode 0644: public documents such as metadata and certificates. */
    public static final Set<PosixFilePermission> PUBLIC_FILE = PosixFilePermissions.fromString("rw-r--r--");
    /** Mode 0700: directories that hold secrets. */
    public static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    /** The last step of a write; a seam so tests can make it fail after the temporary file is complete. */
    interface Mover {
        void move(Path source, Path target) throws IOException;
    }

    private static final Mover ATOMIC_RENAME = SecureFiles::rename;

    private SecureFiles() {
    }

    /** Writes {@code content} to {@code target} atomically, mode 0600. */
    public static void writeAtomically(Path target, byte[] content) throws IOException {
        writeAtomically(target, content, OWNER_ONLY_FILE);
    }

    /**
     * Writes {@code content} to {@code target} atomically with the given permissions (use {@link #PUBLIC_FILE}
     * for documents that are meant to be shared). The temporary file is 0600 until it has its final name.
     */
    public static void writeAtomically(Path target, byte[] content, Set<PosixFilePermission> permissions)
            throws IOException {
        write(target, content, permissions, ATOMIC_RENAME);
    }

    /**
     * Writes {@code content} to {@code target}, mode 0600, only if no file has that name yet; atomic, so that of
     * two processes creating the same secret at once (two IdP nodes starting on one data directory) exactly one
     * wins: the file appears whole or not at all, and an existing file is never replaced.
     *
     * @return whether this call created the file (false: it existed; read it)
     */
    public static boolean createAtomicallyIfAbsent(Path target, byte[] content) throws IOException {
        try {
            write(target, content, OWNER_ONLY_FILE, (source, link) -> {
                Files.createLink(link, source); // link(2) fails with EEXIST instead of replacing, unlike rename(2)
                Files.delete(source);
            });
            return true;
        } catch (FileAlreadyExistsException exists) {
            return false;
        }
    }

    static void write(Path target, byte[] content, Set<PosixFilePermission> permissions, Mover mover)
            throws IOException {
        Objects.requireNonNull(content, "content");
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temporary = createTemporaryFile(directory, absolute.getFileName().toString());
        boolean moved = false;
        try {
            writeAndForce(temporary, content);
            if (isPosix(temporary) && !permissions.equals(OWNER_ONLY_FILE)) {
                Files.setPosixFilePermissions(temporary, permissions);
            }
            mover.move(temporary, absolute);
            moved = true;
            forceDirectory(directory);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /**
     * Creates {@code directory} and any missing parents with mode 0700 (existing directories are left as they
     * are) and returns it.
     *
     * @throws FileAlreadyExistsException if the path or one of its parents exists and is not a directory
     */
    public static Path createPrivateDirectories(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return absolute;
        }
        if (isPosix(absolute)) {
            return Files.createDirectories(absolute, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        }
        return Files.createDirectories(absolute);
    }

    private static Path createTemporaryFile(Path directory, String targetName) throws IOException {
        String prefix = "." + targetName + ".";
        if (isPosix(directory)) {
            FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE);
            return Files.createTempFile(directory, prefix, ".tmp", ownerOnly);
        }
        return Files.createTempFile(directory, prefix, ".tmp");
    }

    private static void writeAndForce(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    private static void rename(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException notSupported) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes the rename durable. Some file systems cannot open or force a directory; the rename still stands. */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // the file is in place; only its durability across a power cut is up to the file system
        }
    }

    static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
