package org.labbook.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.labbook.tracking.spi.RunStore;

/**
 * Refreshes the heartbeat of a tracker's running runs on a schedule of its own ({@code labbook-heartbeat}),
 * apart from the metric writer: a metric write that is slow, failing or being retried must not make live
 * runs read CRASHED to everyone else. A missed beat is simply tried again at the next one; only an outage
 * longer than the crash timeout makes runs read CRASHED, which is then the truth.
 */
final class Heartbeats implements AutoCloseable {
    private final RunStore store;
    private final Supplier<Collection<String>> runIds;
    private final ScheduledExecutorService timer;

    Heartbeats(RunStore store, Duration interval, Supplier<Collection<String>> runIds) {
        this.store = store;
        this.runIds = runIds;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "labbook-heartbeat");
            // A daemon, like the writer: it must never keep the JVM alive.
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(this::beat, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void beat() {
        Collection<String> ids = runIds.get();
        if (ids.isEmpty()) {
            return;
        }
        try {
            store.heartbeat(ids, Instant.now());
        } catch (RuntimeException e) {
            // Tried again at the next beat; the runs read CRASHED only if this lasts past the crash timeout.
        }
    }

    /** No more beats; one under way finishes on its own (its thread is a daemon). */
    @Override
    public void close() {
        timer.shutdown();
    }
}
