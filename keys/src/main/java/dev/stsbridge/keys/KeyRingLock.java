package dev.stsbridge.keys;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes the key ring's read-change-write operations (generate, rotate, promote) one at a time: across processes by
 * an exclusive OS lock on {@code keys/.lock} (mode 0600; released by the OS if the process dies), and across threads of
 * one process by a lock per file (an OS file lock belongs to the whole process). Without it, two {@code keys rotate}
 * at once would both read a ring without a {@code next} key and the second write would silently drop the first's
 * key; with it the second waits, then finds the {@code next} key and is refused. Reads need no lock: every write
 * replaces the store by an atomic rename.
 */
final class KeyRingLock implements AutoCloseable {

    static final String FILE_NAME = ".lock";

    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock threads;
    private final FileChannel channel;
    private final FileLock processes;

    private KeyRingLock(ReentrantLock threads, FileChannel channel, FileLock processes) {
        this.threads = threads;
        this.channel = channel;
        this.processes = processes;
    }

    /** Waits for and takes the lock of the key ring in {@code keysDirectory} (which must exist). */
    static KeyRingLock acquire(Path keysDirectory) throws IOException {
        Path file = keysDirectory.resolve(FILE_NAME).toAbsolutePath().normalize();
        ReentrantLock threads = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        threads.lock();
        FileChannel channel = null;
        try {
            Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel = SecureFiles.isPosix(keysDirectory)
                    ? FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(SecureFiles.OWNER_ONLY_FILE))
                    : FileChannel.open(file, options);
            return new KeyRingLock(threads, channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            threads.unlock();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            processes.release();
            channel.close();
        } catch (IOException e) {
            // closing the channel releases the OS lock in any case
        } finally {
            threads.unlock();
        }
    }
}
