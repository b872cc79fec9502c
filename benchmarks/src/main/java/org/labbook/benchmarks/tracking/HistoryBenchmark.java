package org.labbook.benchmarks.tracking;

import java.nio.file.Files;
import java.nio.file.Path;
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
 * Reading 1,000,000 points of one metric downsampled in the store to 1,000 (min/max per bucket), and,
 * for scale, reading all of them. Target: downsampled in at most 100 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HistoryBenchmark {
    static final int POINTS = 1_000_000;

    private Tracker tracker;
    private String runId;

    @Setup(Level.Trial)
    public void open() {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "labbook-bench-history-1m");
        tracker = BenchStores.open(dir);
        if (!Files.exists(dir.resolve("complete"))) {
            BenchStores.logHistory(tracker, POINTS);
            try {
                Files.createFile(dir.resolve("complete"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
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
    public void close() {
        tracker.close();
    }
}
