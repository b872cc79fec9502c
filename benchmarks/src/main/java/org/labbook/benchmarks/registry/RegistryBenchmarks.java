package org.labbook.benchmarks.registry;

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
 * Runs {@link RegistryBenchmark} and prints the median of resolving {@code NAME@alias} with its lineage
 * next to the median of reading one run, and their ratio:
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar org.labbook.benchmarks.registry.RegistryBenchmarks
 * </pre>
 */
public final class RegistryBenchmarks {
    private RegistryBenchmarks() {
    }

    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder().include(RegistryBenchmark.class.getName()).build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, double[]> figures = new HashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            var stats = result.getPrimaryResult().getStatistics();
            figures.put(name.substring(name.lastIndexOf('.') + 1),
                    new double[] {stats.getPercentile(50), stats.getPercentile(90), stats.getPercentile(99)});
        }
        System.out.println();
        System.out.println("Labbook registry benchmark on " + RunningJava.describe() + ", load average "
                + String.format("%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        figures.forEach((name, f) -> System.out.printf("  %-28s median %.3f ms (p90 %.3f, p99 %.3f)%n", name, f[0], f[1], f[2]));
        double[] lineage = figures.get("resolveAliasWithLineage");
        double[] baseline = figures.get("readOneRunBaseline");
        if (lineage != null && baseline != null) {
            System.out.printf("  NAME@alias with lineage: %.3f ms = %.2fx reading one run (%.3f ms); target <= 5 ms: %s%n",
                    lineage[0], lineage[0] / baseline[0], baseline[0], lineage[0] <= 5 ? "met" : "NOT met");
        }
    }
}
