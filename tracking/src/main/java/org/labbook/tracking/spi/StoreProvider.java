package org.labbook.tracking.spi;

import java.time.Duration;
import java.util.Set;

import org.labbook.tracking.StoreLocation;

/**
 * A kind of store, found with {@link java.util.ServiceLoader} and chosen by the scheme of the store's
 * URI. A database module lists its provider in
 * {@code META-INF/services/org.labbook.tracking.spi.StoreProvider}, so a job that uses only the
 * embedded store never loads another database's driver.
 *
 * <p>A SQL database is best served by the JDBC store core (a dialect and a transactor over shared
 * SQL); whatever it is, the store must pass the contract test suite of the tracking module's test jar.
 */
public interface StoreProvider {

    /** The URI schemes this provider opens, in lower case (as {@link StoreLocation#scheme()} gives them). */
    Set<String> schemes();

    /** A name for users, e.g. "SQLite" or "PostgreSQL". */
    String displayName();

    /**
     * Opens the store, creating its schema (or migrating it) if needed.
     *
     * @param crashTimeout how long a RUNNING run may go without a heartbeat before it reads as CRASHED
     */
    RunStore open(StoreLocation location, Duration crashTimeout);
}
