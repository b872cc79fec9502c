package org.labbook.tracking.internal.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

import org.labbook.tracking.StoreException;
import org.labbook.tracking.internal.jdbc.Transactor;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Transactions on one SQLite file. One write connection per store object, used under
 * {@link #writeLock}, and a few read connections. Every write is one {@code BEGIN IMMEDIATE}
 * transaction: it takes SQLite's write lock up front, waiting up to the busy timeout, instead of a
 * deferred transaction that could fail with SQLITE_BUSY when it later tries to upgrade. Other processes
 * writing the same file just queue; a transaction that still meets SQLITE_BUSY is retried with a
 * growing, jittered pause.
 */
final class SqliteTransactor implements Transactor {
    private static final int BUSY_TIMEOUT_MILLIS = 30_000;
    private static final long RETRY_BUDGET_MILLIS = 120_000;
    private static final int READ_POOL = 4;

    private final Path databaseFile;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Connection writer;
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READ_POOL);
    private volatile boolean closed;

    SqliteTransactor(Path databaseFile) {
        this.databaseFile = databaseFile;
        this.writer = connectWithRetry(databaseFile);
    }

    private static Connection connectWithRetry(Path file) {
        long deadline = System.currentTimeMillis() + RETRY_BUDGET_MILLIS;
        for (int attempt = 0; ; attempt++) {
            try {
                return connect(file);
            } catch (SQLException e) {
                // Switching a brand-new file to WAL needs a moment of exclusive access; when several
                // processes create the store at once, the losers see SQLITE_BUSY here and try again.
                if (!isBusy(e) || System.currentTimeMillis() > deadline) {
                    throw new StoreException("Cannot open the store database " + file + ": " + e.getMessage(), e);
                }
                pause(attempt);
            }
        }
    }

    private static Connection connect(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        // NORMAL in WAL mode loses at most the last transactions on power loss, never consistency.
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        // The filter language's LIKE is case-sensitive, as MLflow's; ILIKE is the case-insensitive one.
        config.enableCaseSensitiveLike(true);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        config.setCacheSize(-16_000);
        return DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
    }

    @Override
    public <T> T write(String what, SqlWork<T> work) {
        ensureOpen();
        long deadline = System.currentTimeMillis() + RETRY_BUDGET_MILLIS;
        writeLock.lock();
        try {
            for (int attempt = 0; ; attempt++) {
                boolean begun = false;
                try (Statement statement = writer.createStatement()) {
                    // Explicit BEGIN IMMEDIATE rather than JDBC setAutoCommit(false): the driver would
                    // otherwise open the next transaction right after each commit and hold the lock.
                    statement.execute("BEGIN IMMEDIATE");
                    begun = true;
                    T result = work.run(writer);
                    statement.execute("COMMIT");
                    return result;
                } catch (SQLException e) {
                    rollback(writer, begun);
                    if (!isBusy(e) || System.currentTimeMillis() > deadline) {
                        throw new StoreException("Cannot " + what + " in " + databaseFile + ": " + e.getMessage(), e);
                    }
                    pause(attempt);
                } catch (Throwable e) {
                    // An Error too (OutOfMemoryError): the connection must not stay inside the transaction.
                    rollback(writer, begun);
                    throw e;
                }
            }
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public <T> T read(String what, SqlWork<T> work) {
        ensureOpen();
        Connection connection = readers.poll();
        boolean reusable = true;
        long deadline = System.currentTimeMillis() + RETRY_BUDGET_MILLIS;
        try {
            if (connection == null) {
                connection = connectWithRetry(databaseFile);
            }
            for (int attempt = 0; ; attempt++) {
                boolean begun = false;
                try (Statement statement = connection.createStatement()) {
                    statement.execute("BEGIN");
                    begun = true;
                    T result = work.run(connection);
                    statement.execute("COMMIT");
                    return result;
                } catch (SQLException e) {
                    reusable = rollback(connection, begun);
                    if (!isBusy(e) || System.currentTimeMillis() > deadline || !reusable) {
                        throw new StoreException("Cannot " + what + " from " + databaseFile + ": " + e.getMessage(), e);
                    }
                    pause(attempt);
                } catch (Throwable e) {
                    // An Error too: a connection handed back inside an open transaction would make every
                    // later read fail with "cannot start a transaction within a transaction".
                    reusable = rollback(connection, begun);
                    throw e;
                }
            }
        } finally {
            if (connection != null && (closed || !reusable || !readers.offer(connection))) {
                closeQuietly(connection);
            }
        }
    }

    /** Rolls back if a transaction was begun; false when the connection is left in an unknown state. */
    private static boolean rollback(Connection connection, boolean begun) {
        if (!begun) {
            return true;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("ROLLBACK");
            return true;
        } catch (SQLException e) {
            // SQLite may have rolled back already (e.g. after SQLITE_FULL): then autocommit is back on.
            try {
                return connection.getAutoCommit() && !connection.isClosed();
            } catch (SQLException unknown) {
                return false;
            }
        }
    }

    static boolean isBusy(SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            SQLiteErrorCode code = sqlite.getResultCode();
            return code == SQLiteErrorCode.SQLITE_BUSY || code == SQLiteErrorCode.SQLITE_LOCKED
                    || code.name().startsWith("SQLITE_BUSY_") || code.name().startsWith("SQLITE_LOCKED_");
        }
        return e.getErrorCode() == 5 || e.getErrorCode() == 6;
    }

    private static void pause(int attempt) {
        long base = Math.min(200, 5L << Math.min(attempt, 6));
        try {
            Thread.sleep(base + ThreadLocalRandom.current().nextLong(base + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while waiting for the store to be free", e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("The store " + databaseFile.getParent() + " is closed. Open it again with Labbook.open().");
        }
    }

    /**
     * Refreshes the query planner's statistics where they are stale, as SQLite advises for long-lived
     * connections. Without them the planner cannot tell that a metric clause matching 1% of runs should
     * drive a search rather than a walk over every run of an experiment. Cheap: analysis_limit bounds it.
     */
    void optimize(boolean opening) {
        writeLock.lock();
        try (Statement statement = writer.createStatement()) {
            statement.execute("PRAGMA analysis_limit = 1000");
            statement.execute(opening ? "PRAGMA optimize = 0x10002" : "PRAGMA optimize");
        } catch (SQLException e) {
            // Statistics only speed queries up; a busy store can skip them this time.
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        optimize(false);
        closed = true;
        writeLock.lock();
        try {
            closeQuietly(writer);
        } finally {
            writeLock.unlock();
        }
        Connection connection;
        while ((connection = readers.poll()) != null) {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing is best effort; SQLite keeps the file consistent either way
        }
    }
}
