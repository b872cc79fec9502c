package org.labbook.tracking.internal.sqlite;

import java.time.Duration;

import org.labbook.tracking.RunStore;
import org.labbook.tracking.StoreLocation;

/** The entry point {@link org.labbook.tracking.Stores} uses; the store class itself stays package-private. */
public final class SqliteStores {
    private SqliteStores() {
    }

    public static RunStore open(StoreLocation location, Duration crashTimeout) {
        return SqliteRunStore.open(location, crashTimeout);
    }
}
