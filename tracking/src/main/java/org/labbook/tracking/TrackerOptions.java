package org.labbook.tracking;

import java.time.Duration;

import org.labbook.tracking.spi.Stores;

/**
 * How a {@link Tracker} behaves. The defaults suit notebooks and jobs alike; tests shorten the
 * timeouts.
 *
 * @param flushInterval the longest a logged metric waits in memory before the background writer stores
 *     it (200 ms by default)
 * @param heartbeatInterval how often running runs tell the store they are alive (10 s)
 * @param crashTimeout how long a RUNNING run may miss heartbeats before every query reports it as
 *     CRASHED (60 s); must exceed the heartbeat interval
 * @param bufferCapacity metric points each run holds in memory; when full, {@code metric()} waits for
 *     the writer (back-pressure) rather than dropping points
 * @param shutdownHook whether a JVM shutdown hook flushes running runs and marks them KILLED
 */
public record TrackerOptions(Duration flushInterval, Duration heartbeatInterval, Duration crashTimeout,
                             int bufferCapacity, boolean shutdownHook) {
    public TrackerOptions {
        positive("flush interval", flushInterval);
        positive("heartbeat interval", heartbeatInterval);
        positive("crash timeout", crashTimeout);
        if (crashTimeout.compareTo(heartbeatInterval) <= 0) {
            throw new ValidationException("Invalid crash timeout " + crashTimeout + ": it must be longer than the"
                    + " heartbeat interval " + heartbeatInterval + ", or healthy runs would read as CRASHED.");
        }
        if (bufferCapacity < 16 || bufferCapacity > 1 << 26) {
            throw new ValidationException("Invalid buffer capacity " + bufferCapacity
                    + ": it must be between 16 and " + (1 << 26) + " points.");
        }
    }

    public static TrackerOptions defaults() {
        return new TrackerOptions(Duration.ofMillis(200), Duration.ofSeconds(10), Stores.DEFAULT_CRASH_TIMEOUT,
                1 << 16, true);
    }

    public TrackerOptions withFlushInterval(Duration interval) {
        return new TrackerOptions(interval, heartbeatInterval, crashTimeout, bufferCapacity, shutdownHook);
    }

    public TrackerOptions withHeartbeat(Duration interval, Duration timeout) {
        return new TrackerOptions(flushInterval, interval, timeout, bufferCapacity, shutdownHook);
    }

    public TrackerOptions withBufferCapacity(int points) {
        return new TrackerOptions(flushInterval, heartbeatInterval, crashTimeout, points, shutdownHook);
    }

    public TrackerOptions withShutdownHook(boolean enabled) {
        return new TrackerOptions(flushInterval, heartbeatInterval, crashTimeout, bufferCapacity, enabled);
    }

    private static void positive(String what, Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new ValidationException("Invalid " + what + " " + duration + ": it must be a positive duration.");
        }
    }
}
