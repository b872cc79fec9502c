package org.labbook.extension.view;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.labbook.kernel.api.KernelSession;

/**
 * The live charts of one kernel session: opens them on the session's display, redraws them on one shared
 * thread, and finishes every chart of a cell when that cell ends (failed and interrupted cells too).
 */
public final class LiveCharts implements AutoCloseable {
    // The one way code in a cell reaches its session's charts (LiveChart.show); set by the extension.
    private static volatile LiveCharts installed;

    private final DisplaySink sink;
    private final ChartOptions options;
    private final ScheduledExecutorService scheduler;
    private final List<LiveChart> open = new ArrayList<>();
    /** What feeds the open charts (metric listeners); closed before their final frames are drawn. */
    private final List<AutoCloseable> feeds = new ArrayList<>();

    public LiveCharts(DisplaySink sink, ChartOptions options) {
        this.sink = sink;
        this.options = options;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "labbook-live-charts");
            thread.setDaemon(true);
            return thread;
        });
    }

    static LiveCharts forSession(KernelSession session) {
        return new LiveCharts(DisplaySink.of(session), ChartOptions.defaults());
    }

    /** The installed charts of this kernel, or charts that show nothing outside a kernel. */
    static LiveCharts current() {
        LiveCharts charts = installed;
        if (charts != null) {
            return charts;
        }
        synchronized (LiveCharts.class) {
            if (installed == null) {
                installed = new LiveCharts(DisplaySink.none(), ChartOptions.defaults());
            }
            return installed;
        }
    }

    static void install(LiveCharts charts) {
        installed = charts;
    }

    static void uninstall(LiveCharts charts) {
        synchronized (LiveCharts.class) {
            if (installed == charts) {
                installed = null;
            }
        }
    }

    /** Opens a chart for the metrics, its curves named after the current run when there is one. */
    public synchronized LiveChart open(List<String> metrics) {
        LiveChart chart = LiveChart.open(sink, currentRunLabel(), metrics, options, scheduler);
        open.add(chart);
        return chart;
    }

    /** Closes {@code feed} when the running cell ends, before the charts draw their final frames. */
    public synchronized void closeAtCellEnd(AutoCloseable feed) {
        feeds.add(feed);
    }

    /** Stops feeding the open charts and draws the final frame of each. Called when a cell ends. */
    public void finishAll() {
        List<LiveChart> toFinish;
        List<AutoCloseable> toClose;
        synchronized (this) {
            toFinish = new ArrayList<>(open);
            open.clear();
            toClose = new ArrayList<>(feeds);
            feeds.clear();
        }
        for (AutoCloseable feed : toClose) {
            try {
                feed.close();
            } catch (Exception e) {
                throw new IllegalStateException("Could not stop feeding a live chart: " + e.getMessage(), e);
            }
        }
        toFinish.forEach(LiveChart::finish);
    }

    @Override
    public void close() {
        finishAll();
        scheduler.shutdownNow();
    }

    private static String currentRunLabel() {
        try {
            return org.labbook.magics.Track.activeRun().map(run -> run.name()).orElse("live");
        } catch (RuntimeException | LinkageError noTrackingHere) {
            // Outside a kernel with %track there is no current run: the curves are just "live".
            return "live";
        }
    }
}
