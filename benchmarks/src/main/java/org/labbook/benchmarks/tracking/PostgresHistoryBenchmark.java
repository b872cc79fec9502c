package org.labbook.benchmarks.tracking;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.labbook.tracking.MetricPoint;
import org.labbook.tracking.RunQuery;
import org.labbook.tracking.Tracker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading 1,000,000 points of one metric from the PostgreSQL team store, downsampled in the database to
 * 1,000 (min/max per bucket), against reading all of them in the same run. Target: downsampled in at
 * most 100 ms. The data directory is kept between runs (see {@link PgServers#kept}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class PostgresHistoryBenchmark {
    static final int POINTS = 1_000_000;

    private PgServers.Server server;
    private Tracker tracker;
    private String runId;

    @Setup(Level.Trial)
    public void open() {
        server = PgServers.kept("history-1m");
        tracker = server.openTracker();
        if (!server.generated()) {
            BenchStores.logHistory(tracker, POINTS);
            server.markGenerated();
        }
        runId = tracker.runs(RunQuery.inExperiment("history").limit(1)).runs().get(0).id();
    }

    @Benchmark
    public List<MetricPoint> downsampledTo1000() {
        return tracker.history(runId, "loss", 1000);
    }

    @Benchmark
    public List<MetricPoint> allPoints() {
        return tracker.history(runId, "loss");
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        tracker.close();
        server.close();
    }
}
