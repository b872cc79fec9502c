package org.labbook.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.labbook.tracking.Eventually.eventually;
import static org.labbook.tracking.Eventually.within;
import static org.labbook.tracking.StoreOutageTest.assertStoredInOrder;
import static org.labbook.tracking.StoreOutageTest.spillFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.tracking.spi.Stores;

/**
 * A run logging into a store whose disk fills up, for real: the store lives on a 4 MB tmpfs that the
 * test mounts and fills. Mounting needs root; anywhere else the test is skipped and prints why.
 */
class DiskFullTest {
    private static final TrackerOptions OPTIONS = TrackerOptions.defaults().withShutdownHook(false)
            .withFlushInterval(Duration.ofMillis(20)).withBufferCapacity(1024).withOverflow(4096, 1_000_000)
            .withCloseTimeout(Duration.ofSeconds(1));
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path tempDir;

    @Test
    void aRunOnAFillingDiskLogsOnAndEveryPointArrivesOnceSpaceIsFreed() throws Exception {
        Path disk = tempDir.resolve("small-disk");
        Files.createDirectories(disk);
        String notMounted = mount(disk);
        if (notMounted != null) {
            System.out.println("DiskFullTest skipped: " + notMounted);
            Assumptions.abort(notMounted);
        }
        StoreLocation location = StoreLocation.parse(disk.resolve("store").toString(), "test", tempDir);
        Path nextToStore = location.directory().resolve(SpillFile.STORE_FOLDER);
        Path inTemp = SpillFile.temporaryFolder(location);
        List<String> reports = new CopyOnWriteArrayList<>();
        ExecutorService trainingLoop = Executors.newSingleThreadExecutor();
        try {
            try (Tracker tracker = Tracker.create(Stores.open(location, Duration.ofSeconds(30)), OPTIONS, true, reports::add)) {
                Run run = tracker.start("disk", "filling-up");
                for (int i = 0; i < 1000; i++) {
                    run.metric("loss", i * 0.5, i);
                }
                run.flush();
                Path filler = disk.resolve("filler");
                fill(filler);
                assertThat(Files.getFileStore(disk).getUsableSpace()).isLessThan(64 * 1024);

                Future<Integer> loop = trainingLoop.submit(() -> {
                    for (int i = 1000; i < 101_000; i++) {
                        run.metric("loss", i * 0.5, i);
                    }
                    return 101_000;
                });
                within(LIMIT, loop);
                assertThatThrownBy(run::flush).isInstanceOf(StoreException.class).hasMessageContaining("full");
                assertThat(reports).filteredOn(line -> line.startsWith("labbook: writing metrics to")).singleElement()
                        .satisfies(line -> assertThat(line).contains(location.directory().toString()).contains("full")
                                .contains("points are waiting"));
                // The store's disk is full, so what does not fit in memory went to the temp folder.
                assertThat(spillFiles(inTemp)).isNotEmpty();

                Files.delete(filler);
                eventually(LIMIT, run::flush);
                assertStoredInOrder(tracker, run, 101_000);
                assertThat(spillFiles(nextToStore)).isEmpty();
                assertThat(spillFiles(inTemp)).isEmpty();
                eventually(LIMIT, () -> assertThat(reports).anySatisfy(line ->
                        assertThat(line).startsWith("labbook: metrics are stored in").contains("again")));
            }
        } finally {
            trainingLoop.shutdownNow();
            String unmounted = command("umount", disk.toString());
            deleteTree(inTemp);
            assertThat(unmounted).as("umount " + disk).isNull();
        }
    }

    /** Null when a 4 MB tmpfs is mounted on {@code dir}, else why not. */
    private static String mount(Path dir) throws IOException, InterruptedException {
        if (!"root".equals(System.getProperty("user.name"))) {
            // The test command's JUnit summary lets this one reason pass when it does not run as root.
            return "needs root: mounting a small tmpfs to fill takes root, and this runs as " + System.getProperty("user.name");
        }
        String failure = command("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", dir.toString());
        return failure == null ? null : "mount -t tmpfs failed: " + failure;
    }

    /** Null when the command succeeded, else its output. */
    private static String command(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return String.join(" ", command) + " did not finish";
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return process.exitValue() == 0 ? null : output.isEmpty() ? "exit code " + process.exitValue() : output;
    }

    /** Writes until the file system says it is full. */
    private static void fill(Path filler) {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // No space left on device: what the test wants.
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
        }
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }
}
