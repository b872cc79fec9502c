package org.labbook.benchmarks.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.labbook.tracking.Labbook;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.TrackerOptions;

/** Temp stores for the tracking benchmarks. */
final class BenchStores {
    static final TrackerOptions OPTIONS = TrackerOptions.defaults().withShutdownHook(false)
            .withHeartbeat(Duration.ofSeconds(10), Duration.ofMinutes(10));

    private BenchStores() {
    }

    static Path newTempDir(String name) {
        try {
            return Files.createTempDirectory("labbook-bench-" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Tracker open(Path dir) {
        return Labbook.open(dir.toString(), OPTIONS);
    }

    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
