package dev.stsbridge.keys;

import java.nio.file.Path;

/**
 * A second process for {@link KeyRingLockTest}: takes the key ring's lock in the keys directory given as the
 * argument, prints {@code locked}, and holds the lock until its standard input closes.
 */
public final class KeyRingLockHolder {

    private KeyRingLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (KeyRingLock lock = KeyRingLock.acquire(Path.of(args[0]))) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() != -1) {
                // hold the lock until the parent closes our input
            }
        }
    }
}
