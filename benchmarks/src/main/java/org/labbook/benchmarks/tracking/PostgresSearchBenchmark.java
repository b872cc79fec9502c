package org.labbook.benchmarks.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.labbook.tracking.Param;
import org.labbook.tracking.RunPage;
import org.labbook.tracking.RunQuery;
import org.labbook.tracking.RunSource;
import org.labbook.tracking.RunStatus;
import org.labbook.tracking.Tag;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.spi.MetricColumns;
import org.labbook.tracking.spi.NewRun;
import org.labbook.tracking.spi.RunStore;
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
 * {@link SearchBenchmark}'s search (one metric and one param clause, first page of 100 with params, tags
 * and metric summaries) on the PostgreSQL team store, over 100,000 and 1,000,000 runs of one experiment,
 * unordered and ordered by the metric. Targets: at most 150 ms at 100,000 runs, 300 ms at 1,000,000.
 * The runs are generated through the store API and the data directory kept between runs of the
 * benchmark (see {@link PgServers#kept}); a trial starts once autovacuum has analyzed the tables, as
 * it does on a running server, and first logs the plans PostgreSQL chose for the
 * statements of both searches (auto_explain, ANALYZE and BUFFERS) to
 * {@code java.io.tmpdir/labbook-bench-pg-search-RUNS-plans.log}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class PostgresSearchBenchmark {
    @org.openjdk.jmh.annotations.Param({"100000", "1000000"})
    public int runs;

    private PgServers.Server server;
    private Tracker tracker;
    private String experiment;

    @Setup(Level.Trial)
    public void open() throws IOException {
        experiment = "search-" + runs;
        server = PgServers.kept("search-" + runs);
        tracker = server.openTracker();
        if (!server.generated()) {
            long started = System.nanoTime();
            populate(tracker.store(), runs, experiment);
            server.markGenerated();
            System.out.printf("generated %,d runs in %.0f s%n", runs, (System.nanoTime() - started) / 1e9);
        }
        double waited = PgServers.awaitStatistics(server, 240);
        System.out.println(waited < 0 ? "tables not analyzed by autovacuum after 240 s; measuring anyway"
                : String.format("tables analyzed by autovacuum (waited %.0f s)", waited));
        tracker.runs(RunQuery.inExperiment(experiment).filter(SearchBenchmark.FILTER).limit(100));
        String plans = PgServers.plans(server, () -> {
            searchMetricAndParam();
            searchMetricAndParamOrderedByMetric();
        });
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "labbook-bench-pg-search-" + runs + "-plans.log");
        Files.writeString(file, plans);
        System.out.println("plans: " + file);
    }

    static void populate(RunStore store, int count, String experiment) {
        Random random = new Random(7);
        String[] lrs = {"0.1", "0.03", "0.01", "0.003", "0.001", "0.0003", "0.0001", "0.00003", "0.00001", "0.000003"};
        Instant start = Instant.now().minusSeconds(count);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            for (int from = 0; from < count; from += 1000) {
                List<NewRun> batch = new ArrayList<>();
                List<MetricColumns> metrics = new ArrayList<>();
                List<List<Param>> params = new ArrayList<>();
                for (int i = from; i < from + 1000; i++) {
                    String id = String.format("%032x", i * 2654435761L);
                    batch.add(new NewRun(id, "run-" + i, experiment, start.plusSeconds(i), "bench", null,
                            RunSource.none(), List.of(new Tag("type", i % 7 == 0 ? "ablation" : "main"))));
                    double acc = random.nextDouble();
                    metrics.add(new MetricColumns(id, "val_acc", new long[] {0, 1}, new long[] {0, 1},
                            new double[] {acc / 2, acc}, 2));
                    metrics.add(new MetricColumns(id, "val_loss", new long[] {1}, new long[] {1}, new double[] {1 - acc}, 1));
                    params.add(List.of(new Param("lr", lrs[random.nextInt(lrs.length)]),
                            new Param("batch", String.valueOf(32 << random.nextInt(4)))));
                }
                store.createRuns(batch);
                // One transaction per run: spread over a few connections so the round trips overlap.
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int first = t;
                    done.add(writers.submit(() -> {
                        for (int k = first; k < batch.size(); k += 4) {
                            NewRun run = batch.get(k);
                            store.logBatch(run.id(), params.get(k), List.of());
                            store.endRun(run.id(), RunStatus.FINISHED, run.startTime().plusSeconds(1));
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                store.appendMetrics(metrics);
                if ((from + 1000) % 100_000 == 0) {
                    System.out.printf("  %,d runs%n", from + 1000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            writers.shutdown();
        }
    }

    @Benchmark
    public RunPage searchMetricAndParam() {
        return tracker.runs(RunQuery.inExperiment(experiment).filter(SearchBenchmark.FILTER).limit(100));
    }

    @Benchmark
    public RunPage searchMetricAndParamOrderedByMetric() {
        return tracker.runs(RunQuery.inExperiment(experiment).filter(SearchBenchmark.FILTER)
                .orderBy("metrics.val_acc DESC").limit(100));
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        tracker.close();
        server.close();
    }
}
