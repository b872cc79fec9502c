package org.labbook.benchmarks.tracking;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.labbook.tracking.Run;
import org.labbook.tracking.Tracker;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code run.metric(key, value, step)} costs the caller's thread (the training loop). The
 * background writer stores the points meanwhile; in sample mode JMH reports the median per call.
 * Target: median at most 100 ns.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class MetricCallBenchmark {
    private Path dir;
    private Tracker tracker;
    private Run run;
    private long step;
    private double value;

    @Setup(Level.Trial)
    public void open() {
        dir = BenchStores.newTempDir("metric-call");
        tracker = BenchStores.open(dir);
        run = tracker.start("bench", "metric-call");
    }

    @Benchmark
    public void metricWithStep() {
        run.metric("loss", value += 0.5, step++);
    }

    @Benchmark
    public void metricAutoStep() {
        run.metric("acc", value += 0.25);
    }

    @TearDown(Level.Trial)
    public void close() {
        tracker.close();
        BenchStores.delete(dir);
    }
}
