package org.labbook.tracking;

import java.time.Duration;

import org.labbook.tracking.internal.sqlite.SqliteStores;

/**
 * Opens the {@link RunStore} a location names. This is the one place that knows the backends: the
 * embedded SQLite store for a folder or {@code sqlite:} URI, and PostgreSQL for {@code postgresql://}.
 * The implementations are not public types; callers see only {@link RunStore}.
 */
public final class Stores {
    /** A RUNNING run whose heartbeat is older than this reads as CRASHED, unless configured otherwise. */
    public static final Duration DEFAULT_CRASH_TIMEOUT = Duration.ofSeconds(60);

    private Stores() {
    }

    /** Opens the store for a URI or path, resolved as {@link StoreLocation#resolve(String)} describes. */
    public static RunStore open(String uri) {
        return open(StoreLocation.resolve(uri), DEFAULT_CRASH_TIMEOUT);
    }

    /**
     * Opens a store, creating it (and migrating its schema) if needed.
     *
     * @param crashTimeout how long a RUNNING run may go without a heartbeat before it reads as CRASHED
     */
    public static RunStore open(StoreLocation location, Duration crashTimeout) {
        if (crashTimeout == null || crashTimeout.isNegative() || crashTimeout.isZero()) {
            throw new ValidationException("Invalid crash timeout " + crashTimeout + ": it must be positive, e.g. PT60S.");
        }
        return switch (location.kind()) {
            case SQLITE -> SqliteStores.open(location, crashTimeout);
            // The team store is the next backend behind this interface; it must pass RunStoreContract.
            case POSTGRESQL -> throw new StoreException("PostgreSQL store not available in this build (store "
                    + location.redacted() + "). Use a folder path or sqlite:/path, or a build with PostgreSQL support.");
        };
    }
}
