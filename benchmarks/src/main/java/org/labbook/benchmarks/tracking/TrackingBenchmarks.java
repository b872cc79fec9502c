package org.labbook.benchmarks.tracking;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.labbook.benchmarks.RunningJava;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the tracking benchmarks and prints each figure next to its target, with the ingest ratio to
 * the row-per-point JDBC baseline measured in the same run:
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar org.labbook.benchmarks.tracking.TrackingBenchmarks
 * </pre>
 */
public final class TrackingBenchmarks {
    private TrackingBenchmarks() {
    }

    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(TrackingBenchmarks.class.getPackageName() + ".*Benchmark")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> scores = new HashMap<>();
        Map<String, String> units = new HashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            String mode = result.getParams().getMode().shortLabel();
            String label = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1) + " [" + mode + "]";
            double score = result.getPrimaryResult().getScore();
            if (mode.equals("sample")) {
                // The median of the sampled call times, not the mean.
                score = result.getPrimaryResult().getStatistics().getPercentile(50);
            }
            scores.put(label, score);
            units.put(label, result.getPrimaryResult().getScoreUnit());
        }
        System.out.println();
        System.out.println("Labbook tracking benchmarks on " + RunningJava.describe());
        scores.keySet().stream().sorted().forEach(label ->
                System.out.printf("  %-62s %14.2f %s%n", label, scores.get(label), units.get(label)));
        Double chunked = scores.get("IngestBenchmark.labbookChunkedIngest [thrpt]");
        Double rows = scores.get("IngestBenchmark.jdbcRowPerPointBaseline [thrpt]");
        if (chunked != null && rows != null) {
            System.out.printf("  ingest: %.0f points/s vs row-per-point baseline %.0f rows/s: ratio %.2fx%n",
                    chunked, rows, chunked / rows);
        }
    }
}
