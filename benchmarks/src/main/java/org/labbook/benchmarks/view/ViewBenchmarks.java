package org.labbook.benchmarks.view;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.labbook.benchmarks.RunningJava;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the inline-view benchmarks and prints each figure with its target and its ratio to the baseline
 * measured in the same run:
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar org.labbook.benchmarks.view.ViewBenchmarks
 * </pre>
 */
public final class ViewBenchmarks {
    private ViewBenchmarks() {
    }

    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder().include(ViewBenchmarks.class.getPackageName() + ".*Benchmark").build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> scores = new TreeMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            String label = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            String live = result.getParams().getParam("liveChart");
            if (live != null) {
                label += " liveChart=" + live;
            }
            scores.put(label, result.getPrimaryResult().getScore());
        }
        System.out.println();
        System.out.println("Labbook inline view benchmarks (ms) on " + RunningJava.describe());
        scores.forEach((label, score) -> System.out.printf("  %-60s %10.1f ms%n", label, score));
        Double whole = scores.get("CompareRenderBenchmark.wholeComparison");
        Double text = scores.get("CompareRenderBenchmark.plainTextTableBaseline");
        if (whole != null) {
            System.out.printf("  compare 100 runs x 2 metrics: %.0f ms (target <= 1000 ms)%s%n", whole,
                    text == null ? "" : String.format(", %.1fx the plain-text table (%.1f ms)", whole / text, text));
        }
        Double with = scores.get("LiveChartOverheadBenchmark.trainingLoop liveChart=true");
        Double without = scores.get("LiveChartOverheadBenchmark.trainingLoop liveChart=false");
        if (with != null && without != null) {
            System.out.printf("  1,000,000 points with a live chart: %.0f ms vs %.0f ms without: %+.1f %% (target <= +5 %%)%n",
                    with, without, (with / without - 1) * 100);
        }
    }
}
