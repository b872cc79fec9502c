package org.labbook.benchmarks.tracking;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.labbook.tracking.spi.MetricColumns;
import org.labbook.tracking.spi.NewRun;
import org.labbook.tracking.Param;
import org.labbook.tracking.RunPage;
import org.labbook.tracking.RunQuery;
import org.labbook.tracking.RunSource;
import org.labbook.tracking.RunStatus;
import org.labbook.tracking.spi.RunStore;
import org.labbook.tracking.Tag;
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
 * A search with one metric and one param clause over 100,000 runs of one experiment, returning the
 * first page of 100 with their params, tags and metric summaries. Target: at most 100 ms. The store is
 * built once per machine (through the public store API) and reused by later runs of the benchmark.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SearchBenchmark {
    static final int RUNS = 100_000;
    static final String FILTER = "metrics.val_acc > 0.9 and params.lr = '0.001'";

    private Tracker tracker;

    @Setup(Level.Trial)
    public void open() {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "labbook-bench-search-" + RUNS);
        tracker = BenchStores.open(dir);
        if (!Files.exists(dir.resolve("complete"))) {
            populate(tracker.store());
            try {
                Files.createFile(dir.resolve("complete"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static void populate(RunStore store) {
        Random random = new Random(7);
        String[] lrs = {"0.1", "0.03", "0.01", "0.003", "0.001", "0.0003", "0.0001", "0.00003", "0.00001", "0.000003"};
        Instant start = Instant.now().minusSeconds(RUNS);
        for (int from = 0; from < RUNS; from += 1000) {
            List<NewRun> runs = new ArrayList<>();
            List<MetricColumns> metrics = new ArrayList<>();
            for (int i = from; i < from + 1000; i++) {
                String id = String.format("%032x", i * 2654435761L);
                runs.add(new NewRun(id, "run-" + i, "search-100k", start.plusSeconds(i), "bench", null,
                        RunSource.none(), List.of(new Tag("type", i % 7 == 0 ? "ablation" : "main"))));
                double acc = random.nextDouble();
                metrics.add(new MetricColumns(id, "val_acc", new long[] {0, 1}, new long[] {0, 1},
                        new double[] {acc / 2, acc}, 2));
                metrics.add(new MetricColumns(id, "val_loss", new long[] {1}, new long[] {1}, new double[] {1 - acc}, 1));
            }
            store.createRuns(runs);
            for (NewRun run : runs) {
                store.logBatch(run.id(), List.of(new Param("lr", lrs[random.nextInt(lrs.length)]),
                        new Param("batch", String.valueOf(32 << random.nextInt(4)))), List.of());
                store.endRun(run.id(), RunStatus.FINISHED, run.startTime().plusSeconds(1));
            }
            store.appendMetrics(metrics);
        }
    }

    @Benchmark
    public RunPage searchMetricAndParam() {
        return tracker.runs(RunQuery.inExperiment("search-100k").filter(FILTER).limit(100));
    }

    @Benchmark
    public RunPage searchMetricAndParamOrderedByMetric() {
        return tracker.runs(RunQuery.inExperiment("search-100k").filter(FILTER).orderBy("metrics.val_acc DESC").limit(100));
    }

    @TearDown(Level.Trial)
    public void close() {
        tracker.close();
    }
}
