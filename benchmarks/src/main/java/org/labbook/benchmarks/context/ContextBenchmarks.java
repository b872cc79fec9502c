package org.labbook.benchmarks.context;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.eclipse.jgit.api.Git;
import org.labbook.benchmarks.RunningJava;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.MetricSummary;
import org.labbook.tracking.Run;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.TrackerOptions;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The run context benchmarks, each figure beside its baseline from the same run:
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar org.labbook.benchmarks.context.ContextBenchmarks [SECONDS]
 * </pre>
 *
 * <ol>
 *   <li>The system metrics sampler at its default interval (10 s): its thread's CPU time over
 *       {@code SECONDS} (60 by default) of wall time, as a share of one core. Target ≤ 0.1 %.</li>
 *   <li>{@link RunStartBenchmark} in a generated git repository of 10,000 files with a dirty file:
 *       run start with every provider on against every provider off. Target ≤ 50 ms added.</li>
 * </ol>
 */
public final class ContextBenchmarks {
    static final int FILES = 10_000;

    private ContextBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        System.out.println("Labbook run context benchmarks on " + RunningJava.describe());
        System.out.printf("load average at start: %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        samplerCost(Duration.ofSeconds(seconds));

        Path repo = generateRepository(Files.createTempDirectory("labbook-bench-repo"), FILES);
        // The fork runs with another user.dir, against which a relative class path would not resolve.
        System.setProperty("java.class.path", java.util.Arrays.stream(System.getProperty("java.class.path")
                .split(java.io.File.pathSeparator)).map(e -> Path.of(e).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator)));
        try {
            Collection<RunResult> results = new Runner(new OptionsBuilder()
                    .include(RunStartBenchmark.class.getName())
                    .forks(1).warmupIterations(2).warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(3))
                    .measurementIterations(3).measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(5))
                    // Providers look for the repository around the working directory.
                    .jvmArgsAppend("-Duser.dir=" + repo)
                    .build()).run();
            Map<String, Double> medians = new TreeMap<>();
            for (RunResult result : results) {
                String name = result.getParams().getBenchmark();
                String label = name.substring(name.lastIndexOf('.') + 1) + " providers=" + result.getParams().getParam("providers");
                medians.put(label, result.getPrimaryResult().getStatistics().getPercentile(50));
            }
            System.out.println();
            System.out.println("Run start in a git repository of " + FILES + " files (median, ms):");
            medians.forEach((label, ms) -> System.out.printf("  %-32s %10.3f ms%n", label, ms));
            for (String method : new String[] {"start", "startAndEnd"}) {
                Double on = medians.get(method + " providers=on");
                Double off = medians.get(method + " providers=off");
                if (on != null && off != null) {
                    System.out.printf("  %-12s added by the providers: %.3f ms (%.2fx the start without them)%n",
                            method, on - off, on / off);
                }
            }
            System.out.printf("load average at end: %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        } finally {
            delete(repo);
        }
    }

    /**
     * One run, sampled at the default interval for {@code wall}; the sampler thread's CPU time is read
     * with the thread CPU clock. The baseline beside it is the process's whole CPU time over the same
     * wall time (an idle JVM with a tracker open: heartbeat and writer threads, JIT, GC).
     */
    static void samplerCost(Duration wall) throws Exception {
        Path store = Files.createTempDirectory("labbook-bench-sampler");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (Tracker tracker = Labbook.open(store.toString(), TrackerOptions.defaults().withShutdownHook(false)
                .withContextDisabled(java.util.Set.of("git", "environment", "gpu", "ci")))) {
            Run run = tracker.start("bench", "sampler");
            Thread sampler = null;
            for (int tries = 0; sampler == null && tries < 100; tries++) {
                sampler = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().equals("labbook-system-metrics")).findFirst().orElse(null);
                Thread.sleep(10);
            }
            if (sampler == null) {
                throw new IllegalStateException("no sampler thread");
            }
            long cpu0 = threads.getThreadCpuTime(sampler.getId());
            long process0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            Thread.sleep(wall.toMillis());
            long cpu1 = threads.getThreadCpuTime(sampler.getId());
            long process1 = os.getProcessCpuTime();
            long wall1 = System.nanoTime();
            run.close();
            Map<String, MetricSummary> metrics = tracker.metricSummaries(run.id());
            long samples = metrics.containsKey("system/threads") ? metrics.get("system/threads").count() : 0;
            double wallMs = (wall1 - wall0) / 1e6;
            double samplerMs = (cpu1 - cpu0) / 1e6;
            double processMs = (process1 - process0) / 1e6;
            System.out.println();
            System.out.printf("System metrics sampler, default interval, %.1f s of wall time, %d samples of %d metrics:%n",
                    wallMs / 1000, samples, metrics.keySet().stream().filter(k -> k.startsWith("system/")).count());
            System.out.printf("  sampler thread CPU %.3f ms = %.4f %% of one core (target <= 0.1 %%), %.3f ms per sample%n",
                    samplerMs, 100 * samplerMs / wallMs, samples > 1 ? samplerMs / (samples - 1) : Double.NaN);
            System.out.printf("  baseline, the whole process over the same time: CPU %.3f ms = %.4f %% of one core;"
                    + " the sampler is %.1f %% of it%n", processMs, 100 * processMs / wallMs, 100 * samplerMs / processMs);
        } finally {
            delete(store);
        }
    }

    /** A repository of {@code files} committed files in 100 folders, with one of them changed since. */
    static Path generateRepository(Path dir, int files) throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            for (int i = 0; i < files; i++) {
                Path file = dir.resolve("src/pkg" + (i % 100) + "/File" + i + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, "class File" + i + " { int value = " + i + "; }\n");
            }
            git.add().addFilepattern(".").call();
            git.commit().setMessage("Generated").setAuthor("Bench", "bench@example.org").setSign(false).call();
        }
        Files.writeString(dir.resolve("src/pkg0/File0.java"), "class File0 { int value = -1; }\n");
        return dir;
    }

    static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
