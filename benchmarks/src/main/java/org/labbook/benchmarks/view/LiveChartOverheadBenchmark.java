package org.labbook.benchmarks.view;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.labbook.extension.view.ChartOptions;
import org.labbook.extension.view.DisplaySink;
import org.labbook.extension.view.LiveChart;
import org.labbook.kernel.api.MimeBundleProvider;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.Run;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.TrackerOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A training loop logging 1,000,000 points to a real run (SQLite store, background writer), with and
 * without a live chart open on the same metric. The chart redraws every 500 ms on its own thread and each
 * frame is fully encoded (PNG, base64), as a kernel would send it. Target: with the chart, at most 5 % slower.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgsAppend = "-Djava.awt.headless=true")
public class LiveChartOverheadBenchmark {
    static final int POINTS = 1_000_000;

    @Param({"false", "true"})
    boolean liveChart;

    private Path dir;
    private Tracker tracker;
    private ScheduledExecutorService scheduler;
    private Run run;
    private LiveChart chart;

    @Setup(Level.Trial)
    public void openStore() throws IOException {
        dir = Files.createTempDirectory("labbook-bench-live");
        tracker = Labbook.open(dir.toString(), TrackerOptions.defaults().withShutdownHook(false)
                .withHeartbeat(Duration.ofSeconds(10), Duration.ofMinutes(10)));
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-live-charts");
            t.setDaemon(true);
            return t;
        });
    }

    @Setup(Level.Iteration)
    public void startRun() {
        run = tracker.start("bench", "live");
        // A sink that encodes every frame as the kernel would, then drops it: the drawing cost is real.
        DisplaySink encodeAndDrop = new DisplaySink() {
            @Override
            public String show(Object value) {
                ((MimeBundleProvider) value).toMimeBundle();
                return "bench";
            }

            @Override
            public void update(String displayId, Object value) {
                ((MimeBundleProvider) value).toMimeBundle();
            }
        };
        chart = liveChart ? LiveChart.open(encodeAndDrop, "live", List.of("loss"), ChartOptions.defaults(), scheduler)
                : null;
    }

    @Benchmark
    public double trainingLoop() {
        double sum = 0;
        for (int step = 0; step < POINTS; step++) {
            double loss = Math.exp(-step * 3e-6) + ((step * 2654435761L) & 1023) * 1e-5;
            run.metric("loss", loss, step);
            if (chart != null) {
                chart.record("loss", step, loss);
            }
            sum += loss;
        }
        return sum;
    }

    @TearDown(Level.Iteration)
    public void endRun() {
        if (chart != null) {
            chart.finish();
        }
        run.flush();
        run.close();
    }

    @TearDown(Level.Trial)
    public void closeStore() {
        scheduler.shutdownNow();
        tracker.close();
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // A leftover temp folder is harmless.
        }
    }
}
