package org.labbook.benchmarks.tracking;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.labbook.benchmarks.RunningJava;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the PostgreSQL team-store benchmarks (each starts its own server) and prints each figure next
 * to its target, with the ingest ratio to COPY measured in the same run. JMH options may follow, e.g.
 * {@code PostgresSearch -p runs=100000} for the search over 100,000 runs alone:
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar org.labbook.benchmarks.tracking.PostgresBenchmarks
 * </pre>
 */
public final class PostgresBenchmarks {
    private PostgresBenchmarks() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions given = new CommandLineOptions(args);
        OptionsBuilder builder = new OptionsBuilder();
        builder.parent(given);
        if (given.getIncludes().isEmpty()) {
            builder.include(PostgresBenchmarks.class.getPackageName() + ".Postgres.*Benchmark");
        }
        Options options = builder.build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            String label = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            String runs = result.getParams().getParam("runs");
            if (runs != null) {
                label += " runs=" + runs;
            }
            scores.put(label, result.getPrimaryResult().getScore());
            units.put(label, result.getPrimaryResult().getScoreUnit());
        }
        System.out.println();
        System.out.println("Labbook team store on PostgreSQL, benchmarks on " + RunningJava.describe());
        scores.keySet().stream().sorted().forEach(label -> {
            Double target = target(label);
            String verdict = label.endsWith("labbookChunkedIngest") ? "target: ratio to COPY below"
                    : target == null ? "baseline" : String.format("target %s %.0f: %s",
                    label.contains("Ingest") ? ">=" : "<=", target,
                    met(label, scores.get(label), target) ? "met" : "NOT met");
            System.out.printf("  %-72s %14.2f %-8s %s%n", label, scores.get(label), units.get(label), verdict);
        });
        Double labbook = scores.get("PostgresIngestBenchmark.labbookChunkedIngest");
        Double copy = scores.get("PostgresIngestBenchmark.copyRowPerPointBaseline");
        if (labbook != null && copy != null) {
            System.out.printf("  ingest: %.0f points/s vs COPY %.0f rows/s: ratio %.2f (target >= 0.50: %s)%n",
                    labbook, copy, labbook / copy, labbook / copy >= 0.5 ? "met" : "NOT met");
        }
    }

    private static Double target(String label) {
        if (label.contains("Search")) {
            return label.endsWith("runs=1000000") ? 300.0 : 150.0;
        }
        if (label.contains("downsampledTo1000")) {
            return 100.0;
        }
        return null;
    }

    private static boolean met(String label, double score, double target) {
        return label.contains("Ingest") ? score >= target : score <= target;
    }
}
