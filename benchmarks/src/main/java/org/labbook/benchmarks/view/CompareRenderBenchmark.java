package org.labbook.benchmarks.view;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.labbook.extension.view.ChartOptions;
import org.labbook.extension.view.ComparisonView;
import org.labbook.extension.view.CurveChart;
import org.labbook.extension.view.RunRow;
import org.labbook.extension.view.RunsTable;
import org.labbook.extension.view.Series;
import org.labbook.extension.view.TableOptions;
import org.labbook.kernel.api.MimeBundle;
import org.labbook.tracking.MetricSummary;
import org.labbook.tracking.RunStatus;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Drawing {@code %track compare} for 100 runs of 100,000 steps and 2 metrics: the store hands over each
 * history downsampled to 1,000 points (spikes kept), so this measures the table, the two curve charts, the
 * parallel-coordinates view and the PNG encoding of all of them. Target: the whole comparison in at most 1 s.
 * Baseline: the same runs as an aligned plain-text table only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Djava.awt.headless=true")
public class CompareRenderBenchmark {
    static final int STEPS = 100_000;
    static final int POINTS_PER_SERIES = 1_000;

    @Param("100")
    int runs;

    private List<RunRow> rows;
    private Map<String, List<Series>> histories;

    @Setup
    public void makeRuns() {
        rows = new ArrayList<>();
        histories = new LinkedHashMap<>();
        histories.put("loss", new ArrayList<>());
        histories.put("accuracy", new ArrayList<>());
        Instant start = Instant.parse("2026-01-05T10:00:00Z");
        for (int r = 0; r < runs; r++) {
            double lr = Math.pow(10, -1 - (r % 4));
            Map<String, String> params = new LinkedHashMap<>();
            params.put("lr", Double.toString(lr));
            params.put("batch", Integer.toString(32 << (r % 3)));
            params.put("optimizer", r % 2 == 0 ? "adam" : "sgd");
            params.put("epochs", "10");
            params.put("seed", "42");
            Series loss = curve("run-" + r, "loss", r, true);
            Series accuracy = curve("run-" + r, "accuracy", r, false);
            histories.get("loss").add(loss);
            histories.get("accuracy").add(accuracy);
            Map<String, MetricSummary> metrics = Map.of(
                    "loss", summary("loss", loss), "accuracy", summary("accuracy", accuracy));
            rows.add(new RunRow(String.format("%032x", r * 7919L), "run-" + r, r == 13 ? RunStatus.CRASHED
                    : RunStatus.FINISHED, start, start.plusSeconds(600 + r), "ada", Map.of("sweep", "lr"),
                    params, metrics));
        }
    }

    private static Series curve(String run, String metric, int seed, boolean falling) {
        long[] steps = new long[POINTS_PER_SERIES];
        long[] times = new long[POINTS_PER_SERIES];
        double[] values = new double[POINTS_PER_SERIES];
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < POINTS_PER_SERIES; i++) {
            steps[i] = (long) i * STEPS / POINTS_PER_SERIES;
            times[i] = 1_767_607_200_000L + steps[i] * 5;
            double progress = steps[i] / (double) STEPS;
            double noise = random.nextGaussian() * 0.01;
            values[i] = falling ? Math.exp(-5 * progress) * (1 + seed / 100.0) + noise
                    : 1 - Math.exp(-5 * progress) * 0.9 + noise;
        }
        return new Series(run, metric, steps, times, values);
    }

    private static MetricSummary summary(String key, Series s) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : s.values()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        int last = s.size() - 1;
        return new MetricSummary(key, s.values()[last], s.steps()[last], s.timestamps()[last], min, max, STEPS);
    }

    /** Everything {@code %track compare} shows: table, two curve charts, parallel coordinates, all encoded. */
    @Benchmark
    public MimeBundle wholeComparison() {
        return ComparisonView.of("Comparison", rows, histories, TableOptions.defaults(), ChartOptions.defaults())
                .toMimeBundle();
    }

    @Benchmark
    public MimeBundle comparisonTableOnly() {
        return RunsTable.of(rows, TableOptions.defaults().asComparison(true)).toMimeBundle();
    }

    /** One chart of 100 overlaid curves as PNG plus its Vega-Lite spec. */
    @Benchmark
    public MimeBundle oneCurveChart() {
        return CurveChart.of(histories.get("loss"), ChartOptions.defaults()).toMimeBundle();
    }

    @Benchmark
    public String plainTextTableBaseline() {
        return RunsTable.of(rows, TableOptions.defaults()).plainText();
    }
}
