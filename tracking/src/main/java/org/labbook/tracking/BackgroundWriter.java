package org.labbook.tracking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.labbook.tracking.spi.RunStore;
import org.labbook.tracking.spi.MetricColumns;

/**
 * The one thread per {@link Tracker} that moves buffered metric points into the store and refreshes
 * heartbeats. Each cycle drains every live run's buffer, groups the points per (run, key) and stores
 * them all in one transaction; then it sleeps until the flush interval passes, a buffer fills to half,
 * or someone calls {@link #flush}.
 *
 * <p>Flush protocol: {@link #flush} takes a ticket; a cycle remembers the newest ticket issued before it
 * drained and publishes it as completed when its transaction committed. So a flush returns only after
 * every point logged before the call is stored.
 */
final class BackgroundWriter {
    private final RunStore store;
    private final long flushIntervalNanos;
    private final long heartbeatIntervalMillis;
    private final Set<Run> runs = ConcurrentHashMap.newKeySet();
    private final Object tickets = new Object();
    private final Thread thread;
    private long requested;      // guarded by tickets
    private long completed;      // guarded by tickets
    private Throwable failure;   // guarded by tickets; the error of the latest cycle, null when it stored all
    private volatile boolean stopping;
    private long lastHeartbeat = System.currentTimeMillis();
    // Owned by the writer thread: a batch drained but not yet stored, and the arrays it lives in.
    private List<MetricColumns> pending = List.of();
    private final List<MetricBuffer.Batch> pendingBatches = new ArrayList<>();
    private final List<Run> pendingOwners = new ArrayList<>();

    BackgroundWriter(RunStore store, TrackerOptions options) {
        this.store = store;
        this.flushIntervalNanos = options.flushInterval().toNanos();
        this.heartbeatIntervalMillis = options.heartbeatInterval().toMillis();
        this.thread = new Thread(this::loop, "labbook-writer");
        // Daemon: an unclosed tracker must not keep the JVM alive; the shutdown hook flushes instead.
        thread.setDaemon(true);
        thread.start();
    }

    void register(Run run) {
        runs.add(run);
    }

    void unregister(Run run) {
        runs.remove(run);
    }

    List<Run> liveRuns() {
        return new ArrayList<>(runs);
    }

    /** Wakes the writer early; cheap enough for the metric path. */
    void wake() {
        LockSupport.unpark(thread);
    }

    /** Waits until every point logged before this call is stored; rethrows a write error. */
    void flush() {
        if (Thread.currentThread() == thread) {
            return;
        }
        synchronized (tickets) {
            long ticket = ++requested;
            LockSupport.unpark(thread);
            while (completed < ticket) {
                if (!thread.isAlive()) {
                    throw new StoreException("The metric writer has stopped; the tracker is closed.");
                }
                try {
                    tickets.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TrackingException("Interrupted while flushing metrics", e);
                }
            }
            if (failure != null) {
                // Not cleared here: every caller waiting on a failed cycle must hear of it.
                Throwable error = failure;
                throw error instanceof TrackingException te ? te
                        : new StoreException("Storing metrics failed: " + error.getMessage(), error);
            }
        }
    }

    /** Flushes, then stops the thread. */
    void stop() {
        if (!thread.isAlive()) {
            return;
        }
        stopping = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.MINUTES.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        while (true) {
            boolean last = stopping;
            long ticket;
            synchronized (tickets) {
                ticket = requested;
            }
            boolean busy = false;
            Throwable error = null;
            try {
                busy = writeOnce();
            } catch (Throwable e) {
                error = e;
            }
            heartbeatIfDue();
            synchronized (tickets) {
                // The latest outcome wins: once a retry stored everything, an earlier error is history.
                failure = error;
                completed = Math.max(completed, ticket);
                tickets.notifyAll();
            }
            if (last) {
                return;
            }
            boolean flushWaiting;
            synchronized (tickets) {
                flushWaiting = requested > completed;
            }
            if (!busy && !flushWaiting && !stopping) {
                LockSupport.parkNanos(this, flushIntervalNanos);
            }
        }
    }

    /**
     * Drains and stores every buffer; true when there was a lot, so the next cycle should not sleep.
     *
     * <p>If the store fails, the batch is kept and retried first on the following cycles, and nothing
     * new is drained meanwhile: buffers fill up and callers wait (back-pressure) instead of points being
     * dropped. Flush callers see the error, so the failure is not silent.
     */
    private boolean writeOnce() {
        if (!pending.isEmpty()) {
            store.appendMetrics(pending);
            releasePending();
        }
        List<MetricColumns> batch = new ArrayList<>();
        boolean busy = false;
        for (Run run : runs) {
            MetricBuffer.Batch points = run.buffer().drain();
            if (points == null) {
                continue;
            }
            pendingBatches.add(points);
            pendingOwners.add(run);
            busy |= points.size >= points.steps.length / 4;
            group(run.id(), points, batch);
        }
        pending = batch;
        if (!batch.isEmpty()) {
            store.appendMetrics(batch);
        }
        releasePending();
        return busy;
    }

    /** The stored batch's arrays go back to their buffers for reuse. */
    private void releasePending() {
        for (int i = 0; i < pendingBatches.size(); i++) {
            pendingOwners.get(i).buffer().recycle(pendingBatches.get(i));
        }
        pendingBatches.clear();
        pendingOwners.clear();
        pending = List.of();
    }

    /**
     * Splits a drained batch into one column set per key with a counting sort (two passes, no
     * per-point objects). A batch of a single key, the common case in a training loop, is passed on
     * without copying.
     */
    static void group(String runId, MetricBuffer.Batch points, List<MetricColumns> out) {
        int n = points.size;
        MetricBuffer.Key first = points.keys[0];
        boolean single = true;
        int maxIndex = first.index;
        for (int i = 1; i < n; i++) {
            MetricBuffer.Key key = points.keys[i];
            if (key != first) {
                single = false;
            }
            if (key.index > maxIndex) {
                maxIndex = key.index;
            }
        }
        if (single) {
            out.add(new MetricColumns(runId, first.name, points.steps, points.times, points.values, n));
            return;
        }
        int[] counts = new int[maxIndex + 1];
        MetricBuffer.Key[] byIndex = new MetricBuffer.Key[maxIndex + 1];
        for (int i = 0; i < n; i++) {
            MetricBuffer.Key key = points.keys[i];
            counts[key.index]++;
            byIndex[key.index] = key;
        }
        long[][] steps = new long[maxIndex + 1][];
        long[][] times = new long[maxIndex + 1][];
        double[][] values = new double[maxIndex + 1][];
        int[] fill = new int[maxIndex + 1];
        for (int k = 0; k <= maxIndex; k++) {
            if (counts[k] > 0) {
                steps[k] = new long[counts[k]];
                times[k] = new long[counts[k]];
                values[k] = new double[counts[k]];
            }
        }
        for (int i = 0; i < n; i++) {
            int k = points.keys[i].index;
            int j = fill[k]++;
            steps[k][j] = points.steps[i];
            times[k][j] = points.times[i];
            values[k][j] = points.values[i];
        }
        for (int k = 0; k <= maxIndex; k++) {
            if (counts[k] > 0) {
                out.add(new MetricColumns(runId, byIndex[k].name, steps[k], times[k], values[k], counts[k]));
            }
        }
    }

    private void heartbeatIfDue() {
        long now = System.currentTimeMillis();
        if (now - lastHeartbeat < heartbeatIntervalMillis || runs.isEmpty()) {
            return;
        }
        lastHeartbeat = now;
        List<String> ids = new ArrayList<>();
        for (Run run : runs) {
            ids.add(run.id());
        }
        try {
            store.heartbeat(ids, Instant.ofEpochMilli(now));
        } catch (RuntimeException e) {
            // A missed heartbeat is retried next interval; only a long outage makes runs read CRASHED,
            // which is then the truth.
        }
    }
}
