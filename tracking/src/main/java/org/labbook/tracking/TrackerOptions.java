package org.labbook.tracking;

import java.time.Duration;
import java.util.Set;

import org.labbook.tracking.spi.Stores;
import org.labbook.tracking.spi.Validation;

/**
 * How a {@link Tracker} behaves. The defaults suit notebooks and jobs alike; tests shorten the
 * timeouts.
 *
 * @param flushInterval the longest a logged metric waits in memory before the background writer stores
 *     it (200 ms by default). A store write that has not returned after ten flush intervals (at least
 *     1 s, at most 10 s) counts as stalled, and buffers are emptied aside meanwhile, so {@code metric()}
 *     never waits longer than that for a hung store
 * @param heartbeatInterval how often running runs tell the store they are alive (10 s)
 * @param crashTimeout how long a RUNNING run may miss heartbeats before every query reports it as
 *     CRASHED (60 s); must exceed the heartbeat interval
 * @param bufferCapacity metric points each run holds in memory; when full, {@code metric()} waits for
 *     the writer (back-pressure) rather than dropping points
 * @param shutdownHook whether a JVM shutdown hook flushes running runs and marks them KILLED
 * @param overflowMemoryPoints points a run keeps in memory, beyond its buffer, while the store fails or
 *     stalls (262,144 by default, about 6 MB); further points go to a spill file next to the store, or in
 *     the temp folder when that cannot be written
 * @param maxWaitingPoints points a run keeps in all (memory and spill file) while the store fails
 *     (16,777,216, a spill file of about 200–400 MB); beyond it {@code metric()} throws a
 *     {@link StoreException} instead of waiting
 * @param closeTimeout how long ending a run or closing the tracker keeps trying to store what is
 *     waiting (10 s); what is left then stays in spill files that the next tracker of the store stores
 * @param user who the tracker acts for: new runs record it as their user, and only this user's runs may
 *     be ended, deleted, restored, tagged, noted or resumed without {@link Force#YES} (by default the
 *     operating system user, {@code user.name})
 * @param contextDisabled names of the run context providers and system metric sources not to use, such as
 *     {@code git} or {@code ci}, or {@code all}; by default those in {@code LABBOOK_CONTEXT_DISABLE}
 *     (comma-separated)
 * @param systemMetricsInterval how often system metrics ({@code system/cpu}, ...) are sampled while a run
 *     is RUNNING, or {@link Duration#ZERO} for never; by default {@code LABBOOK_SYSTEM_METRICS_INTERVAL} in
 *     seconds ({@code off} for never), else 10 s
 */
public record TrackerOptions(Duration flushInterval, Duration heartbeatInterval, Duration crashTimeout,
                             int bufferCapacity, boolean shutdownHook, int overflowMemoryPoints,
                             long maxWaitingPoints, Duration closeTimeout, String user,
                             Set<String> contextDisabled, Duration systemMetricsInterval) {
    public TrackerOptions {
        user = Validation.value("tracker user", "user", user, Validation.MAX_NAME_LENGTH);
        positive("flush interval", flushInterval);
        positive("heartbeat interval", heartbeatInterval);
        positive("crash timeout", crashTimeout);
        positive("close timeout", closeTimeout);
        contextDisabled = contextDisabled == null ? Set.of() : Set.copyOf(contextDisabled);
        if (systemMetricsInterval == null || systemMetricsInterval.isNegative()) {
            throw new ValidationException("Invalid system metrics interval " + systemMetricsInterval
                    + ": it must be a positive duration, or zero for no system metrics.");
        }
        if (crashTimeout.compareTo(heartbeatInterval) <= 0) {
            throw new ValidationException("Invalid crash timeout " + crashTimeout + ": it must be longer than the"
                    + " heartbeat interval " + heartbeatInterval + ", or healthy runs would read as CRASHED.");
        }
        if (bufferCapacity < 16 || bufferCapacity > 1 << 26) {
            throw new ValidationException("Invalid buffer capacity " + bufferCapacity
                    + ": it must be between 16 and " + (1 << 26) + " points.");
        }
        if (overflowMemoryPoints < 0 || overflowMemoryPoints > 1 << 28) {
            throw new ValidationException("Invalid overflow memory " + overflowMemoryPoints
                    + ": it must be between 0 and " + (1 << 28) + " points.");
        }
        if (maxWaitingPoints < Math.max(1, overflowMemoryPoints)) {
            throw new ValidationException("Invalid maximum of waiting points " + maxWaitingPoints + ": it must be"
                    + " positive and at least the overflow memory (" + overflowMemoryPoints + " points).");
        }
    }

    public static TrackerOptions defaults() {
        return new TrackerOptions(Duration.ofMillis(200), Duration.ofSeconds(10), Stores.DEFAULT_CRASH_TIMEOUT,
                1 << 16, true, 1 << 18, 1L << 24, Duration.ofSeconds(10), System.getProperty("user.name", "unknown"),
                ContextSettings.disabledFrom(System.getenv(ContextSettings.DISABLE_VARIABLE)),
                ContextSettings.intervalFrom(System.getenv(ContextSettings.INTERVAL_VARIABLE)));
    }

    public TrackerOptions withFlushInterval(Duration interval) {
        return new TrackerOptions(interval, heartbeatInterval, crashTimeout, bufferCapacity, shutdownHook,
                overflowMemoryPoints, maxWaitingPoints, closeTimeout, user, contextDisabled, systemMetricsInterval);
    }

    public TrackerOptions withHeartbeat(Duration interval, Duration timeout) {
        return new TrackerOptions(flushInterval, interval, timeout, bufferCapacity, shutdownHook,
                overflowMemoryPoints, maxWaitingPoints, closeTimeout, user, contextDisabled, systemMetricsInterval);
    }

    public TrackerOptions withBufferCapacity(int points) {
        return new TrackerOptions(flushInterval, heartbeatInterval, crashTimeout, points, shutdownHook,
                overflowMemoryPoints, maxWaitingPoints, closeTimeout, user, contextDisabled, systemMetricsInterval);
    }

    public TrackerOptions withShutdownHook(boolean enabled) {
        return new TrackerOptions(flushInterval, heartbeatInterval, crashTimeout, bufferCapacity, enabled,
                overflowMemoryPoints, maxWaitingPoints, closeTimeout, user, contextDisabled, systemMetricsInterval);
    }

    /** How many points a run keeps while the store fails: {@code inMemory}, then up to {@code atMost} in all. */
    public TrackerOptions withOverflow(int inMemory, long atMost) {
        return new TrackerOptions(flushInterval, heartbeatInterval, crashTimeout, bufferCapacity, shutdownHook,
                inMemory, atMost, closeTimeout, user, contextDisabled, systemMetricsInterval);
    }

    public TrackerOptions withCloseTimeout(Duration timeout) {
        return new TrackerOptions(flushInterval, heartbeatInterval, crashTimeout, bufferCapacity, shutdownHook,
                overflowMemoryPoints, maxWaitingPoints, timeout, user, contextDisabled, systemMetricsInterval);
    }

    /** Acts for {@code userName}: the user new runs record, and whose runs may be changed without force. */
    public TrackerOptions withUser(String userName) {
        return new TrackerOptions(flushInterval, heartbeatInterval, crashTimeout, bufferCapacity, shutdownHook,
                overflowMemoryPoints, maxWaitingPoints, closeTimeout, userName, contextDisabled, systemMetricsInterval);
    }

    /**
     * Turns off run context providers and system metric sources by name ({@code git}, {@code environment},
     * {@code gpu}, {@code ci}, {@code system}), or every one with {@code all}.
     */
    public TrackerOptions withContextDisabled(Set<String> names) {
        return new TrackerOptions(flushInterval, heartbeatInterval, crashTimeout, bufferCapacity, shutdownHook,
                overflowMemoryPoints, maxWaitingPoints, closeTimeout, user, names, systemMetricsInterval);
    }

    /** Samples system metrics every {@code interval} while a run is RUNNING; {@link Duration#ZERO} turns them off. */
    public TrackerOptions withSystemMetricsInterval(Duration interval) {
        return new TrackerOptions(flushInterval, heartbeatInterval, crashTimeout, bufferCapacity, shutdownHook,
                overflowMemoryPoints, maxWaitingPoints, closeTimeout, user, contextDisabled, interval);
    }

    /** Whether the provider or source called {@code name} is in use. */
    public boolean contextEnabled(String name) {
        return !contextDisabled.contains("all") && !contextDisabled.contains(name);
    }

    private static void positive(String what, Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new ValidationException("Invalid " + what + " " + duration + ": it must be a positive duration.");
        }
    }
}
