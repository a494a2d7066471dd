package com.marketplace.refunds.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyTests {

    /**
     * The settlement files of a night are written by one thread per payment method, into the same new
     * date folder: each must find the folder made, whoever made it.
     */
    @Test
    void threadsMakingTheSameNewFolderAllFindItMade(@TempDir Path work) throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 200; round++) {
                Path folder = work.resolve("outbox-" + round).resolve("2026-11-23");
                CyclicBarrier together = new CyclicBarrier(threads);
                List<Future<Path>> made = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    made.add(pool.submit(() -> {
                        together.await();
                        return OwnerOnly.folders(folder);
                    }));
                }
                for (Future<Path> each : made) {
                    assertThat(each.get()).isEqualTo(folder);
                }
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
            }
        }
        finally {
            pool.shutdownNow();
        }
    }
}
