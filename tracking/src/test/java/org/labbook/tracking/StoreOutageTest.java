package org.labbook.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.labbook.tracking.Eventually.eventually;
import static org.labbook.tracking.Eventually.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.tracking.spi.RunStore;
import org.labbook.tracking.spi.Stores;

/**
 * A store that refuses writes, as a user meets it: a trigger in the real SQLite file makes every metric
 * write of one run fail ("disk says no"), as a full disk or a read-only file would, while the other runs'
 * writes go through; dropping the trigger is the store recovering. And a store locked by another
 * connection, where a write does not fail but hangs.
 */
class StoreOutageTest {
    /** Small buffers and bounds, so that a few ten thousand points go through memory and spill files. */
    private static final TrackerOptions OPTIONS = TrackerOptions.defaults().withShutdownHook(false)
            .withFlushInterval(Duration.ofMillis(20)).withBufferCapacity(1024).withOverflow(4096, 1_000_000)
            .withCloseTimeout(Duration.ofSeconds(1)).withSystemMetricsInterval(Duration.ZERO);
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path tempDir;

    private final List<String> reports = new CopyOnWriteArrayList<>();
    private final ExecutorService trainingLoop = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopTrainingLoop() {
        trainingLoop.shutdownNow();
    }

    @Test
    void aRunWhoseWritesFailLogsOnAndAHealthyRunKeepsWritingThenEveryPointArrives() throws Exception {
        try (Tracker tracker = open(OPTIONS)) {
            Run failing = tracker.start("outage", "failing");
            Run healthy = tracker.start("outage", "healthy");
            refuseMetricsOf(failing);

            Future<Integer> loop = trainingLoop.submit(() -> {
                for (int i = 0; i < 50_000; i++) {
                    failing.metric("loss", i * 0.5, i);
                    healthy.metric("loss", i * 0.5, i);
                }
                return 50_000;
            });
            within(LIMIT, loop);

            healthy.flush();
            assertStoredInOrder(tracker, healthy, 50_000);
            assertThatThrownBy(failing::flush).isInstanceOf(StoreException.class)
                    .hasMessageContaining("failing").hasMessageContaining("disk says no")
                    .hasMessageContaining("points are kept").hasMessageNotContaining("\n");
            assertThat(spillFiles(tempDir.resolve(SpillFile.STORE_FOLDER))).isNotEmpty();
            assertThat(reports).filteredOn(line -> line.startsWith("labbook: writing metrics to")).singleElement()
                    .satisfies(line -> assertThat(line).contains(tempDir.toString()).contains("disk says no")
                            .contains("points are waiting").doesNotContain("\n"));

            acceptMetricsAgain();
            eventually(LIMIT, failing::flush);
            assertStoredInOrder(tracker, failing, 50_000);
            assertThat(spillFiles(tempDir.resolve(SpillFile.STORE_FOLDER))).isEmpty();
            assertThat(reports).filteredOn(line -> line.startsWith("labbook: writing metrics to")).hasSize(1);
            eventually(LIMIT, () -> assertThat(reports).anySatisfy(line ->
                    assertThat(line).startsWith("labbook: metrics are stored in").contains("again")));
        }
    }

    @Test
    void pastTheBoundMetricThrowsAtOnceInOneLineAndTheKeptPointsArriveLater() throws Exception {
        try (Tracker tracker = open(OPTIONS.withOverflow(2048, 10_000))) {
            Run run = tracker.start("outage", "bounded");
            refuseMetricsOf(run);

            Future<Integer> loop = trainingLoop.submit(() -> {
                for (int i = 0; i < 1_000_000; i++) {
                    try {
                        run.metric("loss", i * 0.5, i);
                    } catch (StoreException e) {
                        assertThat(e.getMessage()).doesNotContain("\n").contains("bounded").contains(run.id())
                                .contains(tempDir.toString()).contains("points waiting").contains("disk says no")
                                .contains("maxWaitingPoints").contains("Free the store");
                        return i;
                    }
                }
                return -1;
            });
            int accepted = within(LIMIT, loop);
            assertThat(accepted).isBetween(10_000, 10_000 + 2 * 1024);

            acceptMetricsAgain();
            eventually(LIMIT, run::flush);
            assertStoredInOrder(tracker, run, accepted);
            // The refusal is lifted once the store takes the points: logging goes on.
            run.metric("loss", accepted * 0.5, accepted);
            run.flush();
            assertStoredInOrder(tracker, run, accepted + 1);
        }
    }

    @Test
    void closingWhileTheStoreFailsLeavesSpillFilesThatTheNextTrackerStores() throws Exception {
        Tracker tracker = open(OPTIONS);
        Run run = tracker.start("outage", "closed-early");
        refuseMetricsOf(run);
        for (int i = 0; i < 20_000; i++) {
            run.metric("loss", i * 0.5, i);
        }
        assertThatThrownBy(tracker::close).isInstanceOf(StoreException.class).hasMessageContaining("disk says no");
        Path folder = tempDir.resolve(SpillFile.STORE_FOLDER);
        assertThat(spillFiles(folder)).isNotEmpty();
        assertThat(reports).filteredOn(line -> line.contains("before the tracker closed")).singleElement()
                .satisfies(line -> assertThat(line).startsWith("labbook: 20000 metric points of 1 run(s)")
                        .contains("20000 are kept in " + folder).contains("next time a tracker opens this store"));

        acceptMetricsAgain();
        reports.clear();
        try (Tracker next = open(OPTIONS)) {
            assertThat(reports).singleElement().satisfies(line ->
                    assertThat(line).startsWith("labbook: storing 20000 metric points of 1 run(s)").contains(folder.toString()));
            // Resumed at once: its new points queue behind the ones the earlier tracker kept.
            Run resumed = next.resume(run.id());
            for (int i = 20_000; i < 30_000; i++) {
                resumed.metric("loss", i * 0.5, i);
            }
            next.flush();
            assertStoredInOrder(next, run, 30_000);
            resumed.close();
            assertThat(next.details(run.id()).status()).isEqualTo(RunStatus.FINISHED);
        }
        assertThat(spillFiles(folder)).isEmpty();
    }

    @Test
    void withNoFolderForASpillFileMemoryIsTheBoundAndLoggingGoesOnOnceOneCanBeWritten() throws Exception {
        // Plain files where the spill folders would be: neither can be created.
        Path nextToStore = tempDir.resolve(SpillFile.STORE_FOLDER);
        Path inTemp = SpillFile.temporaryFolder(StoreLocation.parse(tempDir.toString(), "test", tempDir));
        Files.createDirectories(inTemp.getParent());
        Files.writeString(nextToStore, "not a folder");
        Files.writeString(inTemp, "not a folder");
        try (Tracker tracker = open(OPTIONS.withOverflow(2048, 1_000_000))) {
            Run run = tracker.start("outage", "nowhere-to-spill");
            refuseMetricsOf(run);
            Future<Integer> loop = trainingLoop.submit(() -> {
                for (int i = 0; i < 1_000_000; i++) {
                    try {
                        run.metric("loss", i * 0.5, i);
                    } catch (StoreException e) {
                        assertThat(e.getMessage()).doesNotContain("\n").contains("nowhere-to-spill")
                                .contains("overflowMemoryPoints").contains("no spill file can take more")
                                .contains(nextToStore.toString()).contains(inTemp.toString()).contains("disk says no");
                        return i;
                    }
                }
                return -1;
            });
            int accepted = within(LIMIT, loop);
            // The set being written, the memory bound, one set over it when the spill failed, a full buffer.
            assertThat(accepted).isBetween(2048, 1024 + 2048 + 1024 + 1024);

            Files.delete(nextToStore);
            Future<Integer> more = trainingLoop.submit(() -> {
                int next = accepted;
                while (next < accepted + 20_000) {
                    try {
                        run.metric("loss", next * 0.5, next);
                        next++;
                    } catch (StoreException e) {
                        // Refused until the writer has tried the spill folder again; the point was not taken.
                        Thread.sleep(10);
                    }
                }
                return next;
            });
            int logged = within(LIMIT, more);
            assertThat(spillFiles(nextToStore)).isNotEmpty();

            acceptMetricsAgain();
            eventually(LIMIT, run::flush);
            assertStoredInOrder(tracker, run, logged);
        } finally {
            Files.deleteIfExists(inTemp);
        }
    }

    @Test
    void spillFilesOfALiveTrackerAreNotReplayedByAnotherOne() throws Exception {
        try (Tracker writing = open(OPTIONS)) {
            Run run = writing.start("outage", "spilling");
            refuseMetricsOf(run);
            for (int i = 0; i < 20_000; i++) {
                run.metric("loss", i * 0.5, i);
            }
            Path folder = tempDir.resolve(SpillFile.STORE_FOLDER);
            eventually(LIMIT, () -> assertThat(spillFiles(folder)).isNotEmpty());
            try (Tracker other = open(OPTIONS)) {
                other.flush();
                assertThat(reports).noneMatch(line -> line.contains("earlier tracker"));
                assertThat(spillFiles(folder)).isNotEmpty();

                acceptMetricsAgain();
                eventually(LIMIT, run::flush);
                // Stored once, by the tracker that logged them.
                assertStoredInOrder(other, run, 20_000);
            }
        }
    }

    @Test
    void aStoreLockedByAnotherConnectionDoesNotBlockMetric() throws Exception {
        // Flush interval 50 ms: a write that has not returned after 1 s counts as stalled.
        try (Tracker tracker = open(OPTIONS.withFlushInterval(Duration.ofMillis(50)))) {
            Run run = tracker.start("outage", "locked-out");
            run.metric("loss", 0, 0);
            run.flush();
            try (Connection holder = database(); Statement statement = holder.createStatement()) {
                statement.execute("BEGIN IMMEDIATE");
                Future<Integer> loop = trainingLoop.submit(() -> {
                    for (int i = 1; i < 30_000; i++) {
                        run.metric("loss", i * 0.5, i);
                    }
                    return 30_000;
                });
                // Finished while the other connection still holds the write lock.
                within(LIMIT, loop);
                assertThat(reports).anySatisfy(line -> assertThat(line).startsWith("labbook: a metric write to")
                        .contains("has not returned").contains("locked"));
                statement.execute("ROLLBACK");
            }
            eventually(LIMIT, run::flush);
            assertStoredInOrder(tracker, run, 30_000);
        }
    }

    // ---- set-up and checks -----------------------------------------------------------------------------

    private Tracker open(TrackerOptions options) {
        RunStore store = Stores.open(StoreLocation.parse(tempDir.toString(), "test", tempDir), Duration.ofSeconds(30));
        return Tracker.create(store, options, true, reports::add);
    }

    private Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + tempDir.resolve("labbook.db"));
    }

    /** From now on the database refuses every metric chunk of this run, as a full disk would. */
    private void refuseMetricsOf(Run run) throws SQLException {
        try (Connection c = database(); Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 30000");
            s.execute("CREATE TRIGGER refuse_metrics BEFORE INSERT ON metric_chunks WHEN NEW.run_id = '" + run.id()
                    + "' BEGIN SELECT RAISE(ABORT, 'disk says no'); END");
        }
    }

    private void acceptMetricsAgain() throws SQLException {
        try (Connection c = database(); Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 30000");
            s.execute("DROP TRIGGER refuse_metrics");
        }
    }

    /** Every point 0..count-1 exactly once, in logging order, with its value. */
    static void assertStoredInOrder(Tracker tracker, Run run, int count) {
        List<MetricPoint> history = tracker.history(run.id(), "loss");
        assertThat(history).extracting(MetricPoint::step)
                .containsExactlyElementsOf(LongStream.range(0, count).boxed().toList());
        assertThat(history).allSatisfy(point -> assertThat(point.value()).isEqualTo(point.step() * 0.5));
        assertThat(tracker.metricSummaries(run.id()).get("loss").count()).isEqualTo(count);
    }

    static List<Path> spillFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(SpillFile.SUFFIX)).toList();
        } catch (IOException e) {
            throw new AssertionError("cannot list " + folder, e);
        }
    }
}
