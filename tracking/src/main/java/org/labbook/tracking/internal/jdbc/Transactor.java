package org.labbook.tracking.internal.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * How a database runs the store core's transactions: which connection, how a write transaction begins,
 * and which failures are worth retrying. SQLite has one writer per store object with
 * {@code BEGIN IMMEDIATE}, a busy timeout and jittered retries; a server database has a pool and retries
 * serialization failures.
 *
 * <p>Every implementation rolls back on any {@link Throwable} thrown by the work (an
 * {@link OutOfMemoryError} included) before the connection is used again, and reports a failure that
 * is not retried as a {@link org.labbook.tracking.StoreException} naming the store and what was being done.
 */
public interface Transactor extends AutoCloseable {

    /** Work on a connection inside a transaction. May run more than once when a transaction is retried. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one write transaction; {@code what} completes "Cannot ..." in an error. */
    <T> T write(String what, SqlWork<T> work);

    /** Runs {@code work} in one read transaction, so its statements see one snapshot while writers go on. */
    <T> T read(String what, SqlWork<T> work);

    /** Closes the connections. */
    @Override
    void close();
}
