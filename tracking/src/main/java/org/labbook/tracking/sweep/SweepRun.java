package org.labbook.tracking.sweep;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.labbook.tracking.RunStatus;
import org.labbook.tracking.Tag;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.TrackingException;
import org.labbook.tracking.spi.MetricColumns;
import org.labbook.tracking.spi.RunStore;

/**
 * The sweep's own run while a worker takes part: it reads RUNNING as long as some worker is in
 * {@link Sweep#run}, because each worker refreshes its heartbeat; when every worker is gone it reads
 * CRASHED after the store's crash timeout, like any run whose process died, and the next worker that joins
 * sets it RUNNING again. The worker that finds the budget spent and no trial left ends it FINISHED with the
 * best trial on it: the metric {@code best/OBJECTIVE} (its step is the trial's number), and the tags
 * {@code best.trial}, {@code best.run} and {@code best.PARAM} for each of the trial's params. Tags, not
 * params, because params are write-once and a later resume may find a better trial.
 */
final class SweepRun implements AutoCloseable {
    private final Tracker tracker;
    private final RunStore store;
    private final String runId;
    private final ScheduledExecutorService heartbeat;

    private SweepRun(Tracker tracker, String runId) {
        this.tracker = tracker;
        this.store = tracker.store();
        this.runId = runId;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "labbook-sweep-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long every = tracker.options().heartbeatInterval().toMillis();
        heartbeat.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /** Sets the sweep's run RUNNING again (unless it ended FINISHED) and keeps its heartbeat until closed. */
    static SweepRun follow(Tracker tracker, String runId) {
        if (tracker.details(runId).status() != RunStatus.FINISHED) {
            tracker.store().reopenRun(runId, Instant.now());
        }
        return new SweepRun(tracker, runId);
    }

    private void beat() {
        try {
            store.heartbeat(List.of(runId), Instant.now());
        } catch (TrackingException | IllegalStateException e) {
            // A missed beat is harmless; the next one or the crash timeout settles it.
        }
    }

    /** Ends the run FINISHED with the best trial, once: a second worker that gets here finds it ended. */
    void finish(Objective objective, Sweep.Progress done) {
        heartbeat.shutdownNow();
        if (tracker.details(runId).status() == RunStatus.FINISHED) {
            return;
        }
        Instant now = Instant.now();
        done.best().ifPresent(best -> {
            store.appendMetrics(List.of(new MetricColumns(runId, "best/" + objective.metric(),
                    new long[] {best.number()}, new long[] {now.toEpochMilli()}, new double[] {best.value()}, 1)));
            List<Tag> tags = new ArrayList<>(List.of(new Tag("best.trial", String.valueOf(best.number())),
                    new Tag("best.run", best.runId())));
            for (Map.Entry<String, Object> param : best.params().entrySet()) {
                tags.add(new Tag("best." + param.getKey(), String.valueOf(param.getValue())));
            }
            store.setTags(runId, tags);
        });
        store.endRun(runId, RunStatus.FINISHED, now);
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
    }
}
