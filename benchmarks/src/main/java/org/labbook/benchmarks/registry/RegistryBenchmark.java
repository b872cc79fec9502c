package org.labbook.benchmarks.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.labbook.tracking.DatasetInput;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.ModelLineage;
import org.labbook.tracking.ModelRegistry;
import org.labbook.tracking.Param;
import org.labbook.tracking.Promotion;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.RunSource;
import org.labbook.tracking.RunStatus;
import org.labbook.tracking.Tag;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.TrackerOptions;
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
 * Resolving {@code NAME@production} with its whole lineage (version, run, artifacts, datasets, audit
 * trail) on an embedded store of 10,000 runs and 1,000 model versions (50 models of 20 versions, each
 * version's run with params, metrics, a model artifact, a session notebook, an environment and a
 * dataset). Target: at most 5 ms. The baseline, in the same run, reads one run's details
 * ({@code tracker.details(id)}: params, tags, metric summaries). The store is built once per machine and
 * reused.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RegistryBenchmark {
    static final int RUNS = 10_000;
    static final int MODELS = 50;
    static final int VERSIONS_PER_MODEL = 20;

    private Tracker tracker;
    private ModelRegistry models;
    private String someRun;
    private int next;

    @Setup(Level.Trial)
    public void open() throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "labbook-bench-registry-" + RUNS);
        tracker = Labbook.open(dir.toString(), TrackerOptions.defaults().withShutdownHook(false).withUser("bench"));
        models = tracker.models();
        if (!Files.exists(dir.resolve("complete"))) {
            populate(tracker.store(), models);
            Files.createFile(dir.resolve("complete"));
        }
        someRun = models.resolve("model-7@production").runId();
    }

    private static void populate(RunStore store, ModelRegistry models) {
        Random random = new Random(11);
        Instant start = Instant.now().minusSeconds(RUNS);
        List<String> ids = new ArrayList<>();
        for (int from = 0; from < RUNS; from += 1000) {
            List<NewRun> runs = new ArrayList<>();
            List<MetricColumns> metrics = new ArrayList<>();
            for (int i = from; i < from + 1000; i++) {
                String id = String.format("%032x", i * 2654435761L);
                ids.add(id);
                runs.add(new NewRun(id, "run-" + i, "registry-10k", start.plusSeconds(i), "bench", null,
                        new RunSource(null, null, "train.py", "c0ffee" + i), List.of(new Tag("labbook.java.version", "17"))));
                double auc = 0.5 + random.nextDouble() / 2;
                metrics.add(new MetricColumns(id, "val_auc", new long[] {0, 1}, new long[] {0, 1},
                        new double[] {auc / 2, auc}, 2));
            }
            store.createRuns(runs);
            for (NewRun run : runs) {
                store.logBatch(run.id(), List.of(new Param("lr", "0.01"), new Param("batch", "64")), List.of());
                store.endRun(run.id(), RunStatus.FINISHED, run.startTime().plusSeconds(1));
            }
            store.appendMetrics(metrics);
        }
        for (int m = 0; m < MODELS; m++) {
            for (int v = 0; v < VERSIONS_PER_MODEL; v++) {
                String runId = ids.get((m * VERSIONS_PER_MODEL + v) * (RUNS / (MODELS * VERSIONS_PER_MODEL)));
                store.putArtifact(runId, "model.bin", ("weights " + runId).getBytes(StandardCharsets.UTF_8));
                store.putArtifact(runId, ModelLineage.SESSION_NOTEBOOK, "{\"cells\":[]}".getBytes(StandardCharsets.UTF_8));
                store.putArtifact(runId, ModelLineage.ENVIRONMENT, "{}".getBytes(StandardCharsets.UTF_8));
                store.addDataset(runId, new DatasetInput("train.csv", "/data/train.csv", "ab".repeat(32), 1000, 100, 5));
                models.register("model-" + m, runId, "model.bin", null);
            }
            models.promote(Promotion.of("model-" + m, VERSIONS_PER_MODEL - 1, "staging"));
            models.promote(Promotion.of("model-" + m, VERSIONS_PER_MODEL, "production").when("metrics.val_auc > 0"));
        }
    }

    /** What serving code does: the alias, the version, its run and everything the run recorded. */
    @Benchmark
    public ModelLineage resolveAliasWithLineage() {
        next = (next + 1) % MODELS;
        return models.lineage("model-" + next + "@production");
    }

    /** Baseline: one run's details (params, tags, metric summaries), the cheapest useful read. */
    @Benchmark
    public RunDetails readOneRunBaseline() {
        return tracker.details(someRun);
    }

    @TearDown(Level.Trial)
    public void close() {
        tracker.close();
    }
}
