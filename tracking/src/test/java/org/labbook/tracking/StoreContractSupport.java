package org.labbook.tracking;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.tracking.spi.MetricColumns;

/**
 * What the store contracts share: a tracker over a fresh store of the backend under test, opened before
 * each test and closed after it, and the helpers the tests read runs with.
 */
public abstract class StoreContractSupport {
    /**
     * Short heartbeat settings so crash detection is testable without long waits; no system metrics, so
     * that the contract counts only the points its tests log.
     */
    protected static final TrackerOptions OPTIONS = TrackerOptions.defaults()
            .withFlushInterval(Duration.ofMillis(50))
            .withHeartbeat(Duration.ofMillis(200), Duration.ofSeconds(30))
            .withShutdownHook(false)
            .withSystemMetricsInterval(Duration.ZERO);

    @TempDir
    protected Path tempDir;

    protected Tracker tracker;

    /** A URI for a new, empty store of the backend under test. */
    protected abstract String newStoreUri(Path tempDir);

    @BeforeEach
    void openStore() {
        tracker = Labbook.open(newStoreUri(tempDir), OPTIONS);
    }

    @AfterEach
    void closeStore() {
        tracker.close();
    }

    protected String logged(String experiment, String name, double acc, String lr, String type) {
        try (Run run = tracker.start(experiment, name)) {
            run.param("lr", lr);
            run.tag("type", type);
            run.metric("val_acc", acc / 2, 0);
            run.metric("val_acc", acc, 1);
            return run.id();
        }
    }

    protected List<String> names(String filter) {
        return tracker.runs(RunQuery.all().filter(filter)).runs().stream().map(RunDetails::name).toList();
    }

    protected List<String> ordered(String orderBy) {
        return tracker.runs(RunQuery.all().orderBy(orderBy)).runs().stream().map(RunDetails::name).toList();
    }

    /** Stores points with explicit timestamps straight through the store, as an importer would. */
    protected void store(String runId, String key, long[] steps, long[] times, double[] values) {
        tracker.store().appendMetrics(List.of(new MetricColumns(runId, key, steps, times, values, steps.length)));
    }
}
