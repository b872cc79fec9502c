package org.labbook.tracking.internal.postgres;

import java.time.Duration;

/**
 * How long a call waits for a connection before it gives up: the URI's {@code connectTimeout} (the JDBC
 * driver's own parameter, in seconds) when it is a positive number, otherwise five seconds. The pool waits
 * this long too, instead of HikariCP's 30 s, so that the first call after the server stops answering in
 * the middle of a session fails (and is spooled) after a few seconds rather than half a minute.
 */
record ConnectionWait(Duration duration) {
    static final Duration DEFAULT = Duration.ofSeconds(5);
    static final String DRIVER_PROPERTY = "connectTimeout";

    static ConnectionWait of(ConnectionSettings settings) {
        String given = settings.driverProperties().get(DRIVER_PROPERTY);
        if (given != null) {
            try {
                long seconds = Long.parseLong(given.strip());
                if (seconds > 0) {
                    return new ConnectionWait(Duration.ofSeconds(seconds));
                }
            } catch (NumberFormatException e) {
                // The driver reports a malformed value itself when it connects.
            }
        }
        return new ConnectionWait(DEFAULT);
    }

    /** Whether the driver needs to be told too, since the URI did not. */
    static boolean driverNeedsIt(ConnectionSettings settings) {
        return !settings.driverProperties().containsKey(DRIVER_PROPERTY);
    }
}
