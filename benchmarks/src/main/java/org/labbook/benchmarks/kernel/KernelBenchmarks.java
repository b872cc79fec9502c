package org.labbook.benchmarks.kernel;

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
 * Runs {@link StopChecksBenchmark} and prints each cell's time with the stop checks and without (the baseline,
 * from the same run), their ratio, and the Java it ran on. Run it once per Java to compare them:
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar org.labbook.benchmarks.kernel.KernelBenchmarks
 *   /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -cp benchmarks/target/benchmarks.jar org.labbook.benchmarks.kernel.KernelBenchmarks
 * </pre>
 */
public final class KernelBenchmarks {
    private KernelBenchmarks() {
    }

    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(StopChecksBenchmark.class.getName())
                .build();
        Collection<RunResult> results = new Runner(options).run();
        // cell -> checks (on/off) -> ms per cell
        Map<String, Map<String, Double>> scores = new TreeMap<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            String cell = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            scores.computeIfAbsent(cell, c -> new TreeMap<>())
                    .put(result.getParams().getParam("checks"), result.getPrimaryResult().getScore());
        }
        System.out.println();
        System.out.println("Stop checks, per cell, on " + RunningJava.describe());
        System.out.printf("  %-16s %14s %14s %8s%n", "cell", "checks on", "off (baseline)", "ratio");
        scores.forEach((cell, byChecks) -> {
            Double on = byChecks.get("on");
            Double off = byChecks.get("off");
            if (on != null && off != null) {
                System.out.printf("  %-16s %11.3f ms %11.3f ms %7.3fx%n", cell, on, off, on / off);
            }
        });
    }
}
