package org.labbook.tracking.postgres;

import java.nio.file.Path;

import org.labbook.tracking.StoreLocation;
import org.labbook.tracking.internal.postgres.OfflineSpool;
import org.labbook.tracking.spi.RunStore;
import org.labbook.tracking.spi.Stores;

/**
 * Opening a store without the team store's spool, for commands that must talk to the server itself
 * ({@code labbook store init}, {@code labbook sync}): a PostgreSQL server that does not answer fails in
 * one line instead of leaving the command working on the spool. Other stores open as usual.
 */
public final class TeamStores {
    private TeamStores() {
    }

    /** The store at {@code location}; for PostgreSQL, the server itself or one line saying why not. */
    public static RunStore openWithoutSpool(StoreLocation location) {
        if (!location.scheme().equals("postgresql")) {
            return Stores.open(location, Stores.DEFAULT_CRASH_TIMEOUT);
        }
        return OfflineSpool.openWithoutSpool(location, System.getenv(), Path.of(System.getProperty("user.home")));
    }
}
