package org.labbook.benchmarks.context;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.labbook.tracking.Labbook;
import org.labbook.tracking.Run;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.TrackerOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What run context costs a run, with every provider on (git, environment, GPU, CI, system metrics) against
 * every provider off, in a process whose working directory is a git repository of 10,000 files with an
 * uncommitted change (made by {@link ContextBenchmarks}, which sets {@code user.dir} for the fork).
 *
 * <ul>
 *   <li>{@code start}: what {@code tracker.start(...)} costs the caller: the providers run in the background;</li>
 *   <li>{@code startAndEnd}: a run that starts and ends at once, so its end waits for every provider: the
 *       whole capture, paid once per run.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RunStartBenchmark {
    @Param({"off", "on"})
    public String providers;

    private Path store;
    private Tracker tracker;
    private Run started;
    private int runs;

    @Setup(Level.Trial)
    public void open() throws Exception {
        store = Files.createTempDirectory("labbook-bench-context");
        TrackerOptions options = TrackerOptions.defaults().withShutdownHook(false);
        if (providers.equals("off")) {
            options = options.withContextDisabled(Set.of("all"));
        }
        tracker = Labbook.open(store.toString(), options);
    }

    @Benchmark
    public Run start() {
        started = tracker.start("bench", "start-" + runs++);
        return started;
    }

    @TearDown(Level.Invocation)
    public void endStarted() {
        if (started != null) {
            started.close();
            started = null;
        }
    }

    @Benchmark
    public void startAndEnd() {
        tracker.start("bench", "start-end-" + runs++).close();
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        tracker.close();
        ContextBenchmarks.delete(store);
    }
}
