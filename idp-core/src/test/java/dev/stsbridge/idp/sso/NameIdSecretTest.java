package dev.stsbridge.idp.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/** Nodes starting at the same moment on one data directory all end up with the one NameID secret on disk. */
class NameIdSecretTest {

    @TempDir
    Path dataDir;

    @RepeatedTest(5)
    void eightNodesStartingAtOnceAllGetTheSecretThatIsOnDisk() throws Exception {
        int nodes = 8;
        CyclicBarrier together = new CyclicBarrier(nodes);
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        List<Future<byte[]>> secrets = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            Callable<byte[]> node = () -> {
                together.await();
                return NameIdSecret.loadOrCreate(dataDir, new SecureRandom());
            };
            secrets.add(pool.submit(node));
        }
        byte[] onDisk = NameIdSecret.loadOrCreate(dataDir, new SecureRandom());
        for (Future<byte[]> secret : secrets) {
            assertThat(secret.get()).isEqualTo(onDisk);
        }
        pool.shutdown();
    }
}
