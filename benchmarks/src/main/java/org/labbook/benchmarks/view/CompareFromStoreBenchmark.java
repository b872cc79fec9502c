package org.labbook.benchmarks.view;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.labbook.extension.view.ChartOptions;
import org.labbook.extension.view.ComparisonView;
import org.labbook.extension.view.StoreViews;
import org.labbook.extension.view.TableOptions;
import org.labbook.kernel.api.MimeBundle;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.MetricPoint;
import org.labbook.tracking.Run;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.RunQuery;
import org.labbook.tracking.Tracker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code %track compare} end to end, from a real SQLite store holding 100 runs of 100,000 steps of 2 metrics
 * (20 million points): find the runs, read each history downsampled in the store to 1,000 points (spikes
 * kept), draw the table and the charts and encode them. Target: at most 1 s. Baseline in the same run: the
 * store's part alone (runs and downsampled histories, nothing drawn).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Djava.awt.headless=true")
public class CompareFromStoreBenchmark {
    static final int RUNS = 100;
    static final int STEPS = 100_000;
    static final int POINTS_PER_CURVE = 1_000;
    static final List<String> METRICS = List.of("loss", "accuracy");

    private Path folder;
    private Tracker tracker;

    @Setup
    public void fillStore() throws IOException {
        folder = Files.createTempDirectory("labbook-compare-bench");
        tracker = Labbook.open(folder.toString());
        for (int r = 0; r < RUNS; r++) {
            try (Run run = tracker.start("sweep", "run-" + r)) {
                run.params(Map.of("lr", Math.pow(10, -1 - (r % 4)), "batch", 32 << (r % 3), "optimizer",
                        r % 2 == 0 ? "adam" : "sgd"));
                java.util.Random noise = new java.util.Random(r);
                for (int step = 0; step < STEPS; step++) {
                    double progress = step / (double) STEPS;
                    run.metric("loss", Math.exp(-5 * progress) * (1 + r / 100.0) + noise.nextGaussian() * 0.01, step);
                    run.metric("accuracy", 1 - Math.exp(-5 * progress) * 0.9 + noise.nextGaussian() * 0.01, step);
                }
            }
        }
        tracker.flush();
    }

    @TearDown
    public void removeStore() throws IOException {
        tracker.close();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private record Fetched(List<RunDetails> runs, Map<String, Map<String, List<MetricPoint>>> histories) {
    }

    private Fetched fetch() {
        List<RunDetails> runs = tracker.runs(RunQuery.inExperiment("sweep").limit(RUNS)).runs();
        List<String> ids = runs.stream().map(RunDetails::id).toList();
        Map<String, Map<String, List<MetricPoint>>> histories = new LinkedHashMap<>();
        for (String metric : METRICS) {
            histories.put(metric, tracker.histories(ids, metric, POINTS_PER_CURVE));
        }
        return new Fetched(runs, histories);
    }

    /** Baseline: what the store does for a comparison, nothing drawn. */
    @Benchmark
    public Fetched storePartOnly() {
        return fetch();
    }

    /** Everything {@code %track compare} shows, from the store to encoded images. */
    @Benchmark
    public MimeBundle wholeComparisonFromTheStore() {
        Fetched fetched = fetch();
        return ComparisonView.of("Comparison", StoreViews.rows(fetched.runs()),
                StoreViews.series(fetched.runs(), METRICS, fetched.histories()), TableOptions.defaults(),
                ChartOptions.defaults()).toMimeBundle();
    }
}
