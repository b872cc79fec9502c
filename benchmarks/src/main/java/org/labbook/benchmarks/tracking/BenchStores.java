package org.labbook.benchmarks.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.labbook.tracking.Labbook;
import org.labbook.tracking.Run;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.TrackerOptions;

/** Temp stores for the tracking benchmarks. */
final class BenchStores {
    static final TrackerOptions OPTIONS = TrackerOptions.defaults().withShutdownHook(false)
            .withHeartbeat(Duration.ofSeconds(10), Duration.ofMinutes(10))
            // Storage is measured here: no run context capture or system sampling beside it.
            .withContextDisabled(java.util.Set.of("all"));

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

    /**
     * The ingest workload every store is measured with: one run, {@code points} points of one key, then
     * wait until they are stored. Shared so that the SQLite and PostgreSQL figures measure the same thing.
     */
    static void ingest(Tracker tracker, String runName, int points) {
        try (Run run = tracker.start("bench", runName)) {
            double value = 0;
            for (int i = 0; i < points; i++) {
                run.metric("loss", value += 0.001, i);
            }
            run.flush();
        }
    }

    /** The history workload's run: a decaying curve with a ripple, {@code points} points of "loss". */
    static void logHistory(Tracker tracker, int points) {
        try (Run run = tracker.start("history", "one-million")) {
            for (int i = 0; i < points; i++) {
                run.metric("loss", Math.exp(-i / 200_000.0) + Math.sin(i / 50.0) * 0.01, i);
            }
        }
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
