package dev.stsbridge.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Changes to the key ring by two threads or two processes at once happen one after the other, and none is lost. */
class KeyRingLockTest {

    private static final KeySpec SPEC = new KeySpec(KeyAlgorithm.EC_P256, "urn:example:idp", Duration.ofDays(30));

    @TempDir
    Path data;

    private KeyRingService service() {
        return new KeyRingService(new KeyRingStore(data, Map.of()),
                new SigningKeyGenerator(Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC)));
    }

    @Test
    void twoRotationsAtOnceOneAddsTheNextKeyTheOtherIsRefusedNotLost() throws Exception {
        service().generate(SPEC, false);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<KeyRing>> rotations = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            KeyRingService each = service(); // a store object of its own, as a second process would have
            rotations.add(CompletableFuture.supplyAsync(() -> {
                await(go);
                return each.rotate(SPEC);
            }));
        }
        go.countDown();

        List<KeyRing> succeeded = new ArrayList<>();
        List<Throwable> refused = new ArrayList<>();
        for (CompletableFuture<KeyRing> rotation : rotations) {
            rotation.handle((ring, error) -> error == null ? succeeded.add(ring) : refused.add(error.getCause()))
                    .get(30, TimeUnit.SECONDS);
        }
        assertThat(succeeded).hasSize(1);
        assertThat(refused).singleElement().isInstanceOfSatisfying(KeyRingException.class,
                e -> assertThat(e.reason()).isEqualTo(KeyRingException.Reason.CONFLICT));
        assertThat(service().list().next().orElseThrow().certificate())
                .isEqualTo(succeeded.get(0).next().orElseThrow().certificate());
    }

    @Test
    void aRotationWaitsWhileAnotherProcessHoldsTheLockThenCompletes() throws Exception {
        service().generate(SPEC, false);
        Path keys = data.resolve(KeyRingStore.KEYS_DIRECTORY);
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KeyRingLockHolder.class.getName(), keys.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");

            CompletableFuture<KeyRing> rotation = CompletableFuture.supplyAsync(() -> service().rotate(SPEC));
            Thread.sleep(1000); // an EC key and a write take milliseconds: only the lock can hold it back this long
            assertThat(rotation).isNotDone();
            assertThat(service().list().next()).isEmpty();

            holder.getOutputStream().close(); // the holder releases the lock and exits
            KeyRing rotated = rotation.get(30, TimeUnit.SECONDS);
            assertThat(service().list().next().orElseThrow().certificate())
                    .isEqualTo(rotated.next().orElseThrow().certificate());
        } finally {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theLockFileIsOwnerOnly() throws Exception {
        service().generate(SPEC, false);

        Path lock = data.resolve(KeyRingStore.KEYS_DIRECTORY).resolve(KeyRingLock.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(lock))).isEqualTo("rw-------");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
