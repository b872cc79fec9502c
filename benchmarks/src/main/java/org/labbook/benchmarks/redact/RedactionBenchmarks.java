package org.labbook.benchmarks.redact;

import java.util.Map;
import java.util.TreeMap;
import org.labbook.benchmarks.RunningJava;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link RedactionBenchmark} and prints each figure beside its baselines from the same run, as ratios:
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar org.labbook.benchmarks.redact.RedactionBenchmarks
 * </pre>
 */
public final class RedactionBenchmarks {
    private RedactionBenchmarks() {
    }

    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder().include(RedactionBenchmark.class.getName()).build();
        Map<String, Double> scores = new TreeMap<>();
        for (RunResult result : new Runner(options).run()) {
            String name = result.getParams().getBenchmark();
            scores.put(name.substring(name.lastIndexOf('.') + 1), result.getPrimaryResult().getScore());
        }
        double indexOf = scores.get("indexOfBaseline");
        double copy = scores.get("copyBaseline");
        System.out.println();
        System.out.println("Labbook redaction of 1 MB of output, 24 collected values, on " + RunningJava.describe());
        System.out.printf("  baseline: one indexOf scan          %8.3f ms%n", indexOf);
        System.out.printf("  baseline: one copy                  %8.3f ms%n", copy);
        for (String name : new String[] {"scrubOutput", "scrubValuesOnly"}) {
            double score = scores.get(name);
            System.out.printf("  %-35s %8.3f ms  (%.1fx the indexOf scan, %.1fx the copy; target <= 10 ms)%n",
                    name, score, score / indexOf, score / copy);
        }
    }
}
