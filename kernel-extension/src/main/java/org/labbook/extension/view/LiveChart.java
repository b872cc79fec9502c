package org.labbook.extension.view;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Curves that redraw in place while a cell trains. The loop calls {@link #record} (or {@link #metric}, which
 * also logs to the current run); a scheduled task on another thread redraws at most every
 * {@link #REDRAW_INTERVAL} when points arrived, and {@link #finish()} draws the final frame, which is what a
 * saved notebook keeps. The first frame is shown with a display id; every later one updates it.
 *
 * <p>Recording never draws and never waits: drawing happens on the scheduler's thread only.
 */
public final class LiveChart implements AutoCloseable {
    /** Fast enough to watch a loss fall, slow enough that encoding images costs the loop nothing noticeable. */
    public static final Duration REDRAW_INTERVAL = Duration.ofMillis(500);

    /**
     * The most of its time the redraw thread may spend drawing. On a machine with as many busy threads as
     * cores, every millisecond spent drawing is taken from the loop; a frame that took 40 ms to draw is
     * therefore followed by a pause of at least 40 ms / 0.04, which keeps the loop's loss near 4 %.
     */
    static final double MAX_DRAWING_SHARE = 0.04;

    private final DisplaySink sink;
    private final String runLabel;
    private final ChartOptions options;
    private final Map<String, LivePoints> points = new LinkedHashMap<>();
    private final Object drawLock = new Object();
    private final String displayId;
    private final ScheduledExecutorService scheduler;
    private volatile ScheduledFuture<?> nextRedraw;
    private String lastKey;
    private LivePoints lastPoints;
    private int drawnPoints = -1;
    private int frames;
    private boolean finished;

    private LiveChart(DisplaySink sink, String runLabel, List<String> metrics, ChartOptions options,
                      ScheduledExecutorService scheduler) {
        this.sink = sink;
        this.runLabel = runLabel;
        this.options = options;
        for (String metric : metrics) {
            points.put(metric, new LivePoints(metric));
        }
        synchronized (drawLock) {
            this.displayId = sink.show(frame(false));
            frames = 1;
        }
        this.scheduler = scheduler;
        scheduleRedraw(REDRAW_INTERVAL.toNanos());
    }

    /**
     * Shows an empty chart for {@code metrics} now and starts redrawing it as points are recorded.
     *
     * @param runLabel how the legend names the curves' run
     */
    public static LiveChart open(DisplaySink sink, String runLabel, List<String> metrics, ChartOptions options,
                                 ScheduledExecutorService scheduler) {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(scheduler, "scheduler");
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("A live chart needs at least one metric, e.g. LiveChart.show(\"loss\").");
        }
        return new LiveChart(sink, runLabel, List.copyOf(metrics), options, scheduler);
    }

    /**
     * Shows a live chart in the running cell of this kernel; it draws its final frame when the cell ends.
     * Outside a kernel the chart collects points and shows nothing.
     */
    public static LiveChart show(String... metrics) {
        return LiveCharts.current().open(List.of(metrics));
    }

    /**
     * Adds a point to the curve of {@code metric}. Costs a few nanoseconds; call it from the loop's thread.
     * Metrics the chart was not opened with are ignored, so a loop can record everything it logs.
     */
    public void record(String metric, long step, double value) {
        LivePoints target;
        // Loops log the same few keys over and over; remembering the last one skips the map lookup.
        if (metric == lastKey) {
            target = lastPoints;
        } else {
            target = points.get(metric);
            lastKey = metric;
            lastPoints = target;
        }
        if (target != null) {
            target.add(step, value);
        }
    }

    /** Records the point here and logs it to the current run with {@code Track.metric}. */
    public void metric(String metric, double value, long step) {
        org.labbook.magics.Track.metric(metric, value, step);
        record(metric, step, value);
    }

    public String displayId() {
        return displayId;
    }

    /** Frames shown so far, the first one included. */
    public int frames() {
        synchronized (drawLock) {
            return frames;
        }
    }

    /** Points recorded so far, over all metrics. */
    public long points() {
        long total = 0;
        for (LivePoints p : points.values()) {
            total += p.size();
        }
        return total;
    }

    /** Stops the redraws and draws the final frame, with the interactive view. Later calls do nothing. */
    public void finish() {
        ScheduledFuture<?> pending = nextRedraw;
        if (pending != null) {
            pending.cancel(false);
        }
        synchronized (drawLock) {
            if (finished) {
                return;
            }
            finished = true;
            sink.update(displayId, frame(true));
            frames++;
        }
    }

    @Override
    public void close() {
        finish();
    }

    public boolean isFinished() {
        synchronized (drawLock) {
            return finished;
        }
    }

    private void scheduleRedraw(long delayNanos) {
        try {
            nextRedraw = scheduler.schedule(this::redrawAndReschedule, delayNanos, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            // The kernel is shutting down; the final frame is drawn by finish(), if at all.
        }
    }

    private void redrawAndReschedule() {
        long took = redrawIfChanged();
        if (!isFinished()) {
            scheduleRedraw(Math.max(REDRAW_INTERVAL.toNanos(), (long) (took / MAX_DRAWING_SHARE)));
        }
    }

    /**
     * Draws a frame when points arrived since the last one; returns how long drawing took, in nanoseconds.
     * Package-private so tests can draw a frame without waiting for the scheduler.
     */
    long redrawIfChanged() {
        synchronized (drawLock) {
            if (finished) {
                return 0;
            }
            int now = (int) points();
            if (now == drawnPoints) {
                return 0;
            }
            long start = System.nanoTime();
            drawnPoints = now;
            sink.update(displayId, frame(false));
            frames++;
            return System.nanoTime() - start;
        }
    }

    private ChartView frame(boolean last) {
        List<Series> series = new ArrayList<>();
        for (LivePoints p : points.values()) {
            series.add(p.snapshot(runLabel, options.maxPointsPerSeries()));
        }
        // Frames while training are images only: a front end re-creating an interactive view twice a
        // second would cost more than the image. The final frame adds the interactive spec.
        ChartOptions frameOptions = last ? options : options.withFormats(EnumSet.of(ChartFormat.PNG));
        return CurveChart.of(series, frameOptions);
    }
}
