package org.labbook.benchmarks.sweep;

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
 * Runs the sweep benchmarks and prints the medians with their ratios to the baselines of the same run:
 * TPE's suggestion against random's, and a trial's hand-out through the store against a one-tag write.
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar org.labbook.benchmarks.sweep.SweepBenchmarks
 * </pre>
 */
public final class SweepBenchmarks {
    private SweepBenchmarks() {
    }

    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder().include(SweepBenchmarks.class.getPackageName() + ".*Benchmark").build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> medians = new HashMap<>();
        Map<String, String> units = new HashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            String label = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            medians.put(label, result.getPrimaryResult().getStatistics().getPercentile(50));
            units.put(label, result.getPrimaryResult().getScoreUnit());
        }
        System.out.println();
        System.out.println("Labbook sweep benchmarks on " + RunningJava.describe()
                + "; load average " + String.format("%.2f",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        medians.keySet().stream().sorted().forEach(label ->
                System.out.printf("  %-40s median %10.3f %s%n", label, medians.get(label), units.get(label)));
        ratio(medians, "SuggestBenchmark.tpeSuggest", "SuggestBenchmark.randomSuggest", "TPE suggest vs random");
        ratio(medians, "HandOutBenchmark.handOutATrial", "HandOutBenchmark.baselineSetATag",
                "trial hand-out (4 workers) vs one-tag write");
    }

    private static void ratio(Map<String, Double> medians, String figure, String baseline, String label) {
        Double a = medians.get(figure);
        Double b = medians.get(baseline);
        if (a != null && b != null) {
            System.out.printf("  %s: ratio %.1fx%n", label, a / b);
        }
    }
}
