package org.labbook.benchmarks.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.labbook.tracking.Tag;
import org.labbook.tracking.spi.NewRun;
import org.labbook.tracking.spi.NewSweep;
import org.labbook.tracking.spi.RunStore;
import org.labbook.tracking.spi.Stores;
import org.labbook.tracking.spi.SweepStore;
import org.labbook.tracking.spi.TrialRecord;
import org.labbook.tracking.spi.TrialState;
import org.labbook.tracking.StoreLocation;
import org.labbook.tracking.RunSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Handing out a trial through the embedded store with 4 workers at once, each with a store handle of its
 * own (its own SQLite connection, as separate processes have), on a sweep that already holds 1,000
 * finished trials: one {@link SweepStore#claim} (the crash check, the read of the trials, the new
 * trial's row, in one write transaction) followed by the trial's end, so the sweep grows as it would.
 * The baseline is the smallest write transaction the same workers make through the same store: setting
 * one tag of a run.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(4)
public class HandOutBenchmark {
    static final String CONFIG = "{\"lr\":0.001,\"batch\":32}";

    /** The store's folder and the sweep every worker takes trials from. */
    @State(Scope.Benchmark)
    public static class Sweep {
        Path folder;
        String sweepId;
        String runId;

        @Setup(Level.Trial)
        public void create() throws IOException {
            folder = Files.createTempDirectory("labbook-bench-sweep");
            try (RunStore store = open(folder)) {
                runId = store.createRun(new NewRun("sweeprun" + "0".repeat(24), "bench", "bench", Instant.now(),
                        "bench", null, RunSource.none(), List.of())).id();
                sweepId = "sweep" + "0".repeat(27);
                SweepStore sweeps = store.sweeps().orElseThrow();
                sweeps.create(new NewSweep(sweepId, "bench", "bench", runId, "lr: uniform(0, 1)\n", "loss", true,
                        "random", 1, Integer.MAX_VALUE, "none", Instant.now()));
                for (int i = 0; i < 1_000; i++) {
                    TrialRecord t = sweeps.claim(sweepId, "setup", Instant.now(), (n, proposal, trials) -> CONFIG).trial().orElseThrow();
                    sweeps.finish(sweepId, t.number(), TrialState.COMPLETE, i * 0.001, null, Instant.now());
                }
            }
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException {
            try (var files = Files.walk(folder)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** One worker: its own store handle. */
    @State(Scope.Thread)
    public static class Worker {
        private static final AtomicInteger IDS = new AtomicInteger();
        RunStore store;
        SweepStore sweeps;
        String name;

        @Setup(Level.Trial)
        public void open(Sweep sweep) {
            store = HandOutBenchmark.open(sweep.folder);
            sweeps = store.sweeps().orElseThrow();
            name = "worker-" + IDS.incrementAndGet();
        }

        @TearDown(Level.Trial)
        public void close() {
            store.close();
        }
    }

    static RunStore open(Path folder) {
        return Stores.open(StoreLocation.resolve("sqlite:" + folder), Duration.ofSeconds(60));
    }

    @Benchmark
    public int handOutATrial(Sweep sweep, Worker worker) {
        TrialRecord trial = worker.sweeps.claim(sweep.sweepId, worker.name, Instant.now(), (n, proposal, trials) -> CONFIG)
                .trial().orElseThrow();
        worker.sweeps.finish(sweep.sweepId, trial.number(), TrialState.COMPLETE, 0.5, null, Instant.now());
        return trial.number();
    }

    @Benchmark
    public void baselineSetATag(Sweep sweep, Worker worker) {
        worker.store.setTag(sweep.runId, new Tag("worker", worker.name));
    }
}
