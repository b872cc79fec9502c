package org.labbook.tracking.internal.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

import org.labbook.tracking.redact.Scrubber;
import org.labbook.tracking.StoreException;
import org.labbook.tracking.internal.jdbc.Transactor;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Transactions on a PostgreSQL store through a small pool of connections.
 *
 * <p>Writes run SERIALIZABLE. The store core reads and then writes in one transaction (the next note
 * number, a metric series' summary and next chunk), written for SQLite, where writers take turns;
 * serializable isolation gives the same answers with writers from many machines at once, by failing one
 * of two conflicting transactions with a serialization failure (SQLSTATE 40001), which is retried here
 * with a growing, jittered pause, as is a deadlock (40P01). A unique violation is retried a few times
 * too: with two writers of one series it means the other took the next chunk number first, and a
 * genuine duplicate fails again and is reported. Reads run REPEATABLE READ, READ ONLY: one snapshot for
 * all their statements, and never a serialization failure.
 *
 * <p>Failures become one line: a user allowed only to read is told the store is read-only for them and
 * what to do; a server that cannot be reached, or refuses the credentials, is named by the URI with its
 * password masked, with the cause. Nothing here shows SQL or a password.
 */
final class PostgresTransactor implements Transactor {
    static final String SERIALIZATION_FAILURE = "40001";
    static final String DEADLOCK = "40P01";
    static final String UNIQUE_VIOLATION = "23505";
    static final String READ_ONLY_TRANSACTION = "25006";
    static final String INSUFFICIENT_PRIVILEGE = "42501";
    static final String INVALID_PASSWORD = "28P01";
    static final String UNKNOWN_DATABASE = "3D000";

    private static final long RETRY_BUDGET_MILLIS = 60_000;
    /** Enough for two clients appending to one series at full speed; the store core makes no other duplicates. */
    private static final int UNIQUE_VIOLATION_RETRIES = 10;
    /** A background writer, a heartbeat and a few readers per process; a server serves many processes. */
    private static final int POOL_SIZE = 4;
    private static final String READ_TRANSACTION = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";

    private final HikariDataSource pool;
    private final String store;
    private final String user;
    private final Optional<Credentials.Password> password;
    private volatile boolean closed;

    private PostgresTransactor(HikariDataSource pool, ConnectionSettings settings, Optional<Credentials.Password> password) {
        this.pool = pool;
        this.store = settings.redacted();
        this.user = settings.user();
        this.password = password;
    }

    /** Opens the pool with one connection made at once, so that a wrong host or password fails here, in one line. */
    static PostgresTransactor connect(ConnectionSettings settings, Optional<Credentials.Password> password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("labbook-postgres");
        // Named rather than looked up in DriverManager, which does not see a driver added at run time
        // (a notebook's %maven) through another class loader.
        config.setDriverClassName(org.postgresql.Driver.class.getName());
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        password.ifPresent(p -> config.setPassword(p.value()));
        config.addDataSourceProperty("ApplicationName", "labbook");
        // Not reWriteBatchedInserts (the URI may not ask for it either): an upsert batch that sets one key
        // twice must apply both in order, as on SQLite, and one multi-row INSERT ... ON CONFLICT DO UPDATE
        // refuses to touch a row twice.
        settings.driverProperties().forEach(config::addDataSourceProperty);
        // A server that stops answering costs the waiting call a few seconds, not HikariCP's 30 s: the
        // pool and the driver's socket connect share one limit (see ConnectionWait).
        ConnectionWait wait = ConnectionWait.of(settings);
        config.setConnectionTimeout(wait.duration().toMillis());
        if (ConnectionWait.driverNeedsIt(settings)) {
            config.addDataSourceProperty(ConnectionWait.DRIVER_PROPERTY, String.valueOf(wait.duration().toSeconds()));
        }
        if (settings.schema() != null) {
            config.addDataSourceProperty("currentSchema", settings.schema());
        }
        config.setAutoCommit(false);
        // A commit the server has acknowledged must survive the server crashing: the writer forgets points
        // once their transaction commits, so a server (or a role or database) set to synchronous_commit = off
        // would lose the last flushes of every run in a crash or an immediate stop. Only this session's
        // commits wait for the WAL; other clients of the server keep their setting.
        config.setConnectionInitSql("SET synchronous_commit = on");
        config.setTransactionIsolation("TRANSACTION_SERIALIZABLE");
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setInitializationFailTimeout(1);
        try {
            return new PostgresTransactor(new HikariDataSource(config), settings, password);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String message = cannotConnect(settings.redacted(), settings.user(), password, cause);
            throw new StoreException(Character.toUpperCase(message.charAt(0)) + message.substring(1), cause);
        }
    }

    @Override
    public <T> T write(String what, SqlWork<T> work) {
        return run(what, work, true);
    }

    @Override
    public <T> T read(String what, SqlWork<T> work) {
        return run(what, work, false);
    }

    private <T> T run(String what, SqlWork<T> work, boolean write) {
        ensureOpen();
        long deadline = System.currentTimeMillis() + RETRY_BUDGET_MILLIS;
        int uniqueViolations = 0;
        int droppedConnections = 0;
        for (int attempt = 0; ; attempt++) {
            SQLException failure;
            boolean committing = false;
            Connection connection;
            try {
                connection = pool.getConnection();
            } catch (SQLException e) {
                throw new StoreException("Cannot " + what + ": " + cannotConnect(store, user, password, e), e);
            }
            try {
                if (!write) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute(READ_TRANSACTION);
                    }
                }
                T result = work.run(connection);
                committing = true;
                connection.commit();
                return result;
            } catch (SQLException e) {
                rollbackQuietly(connection);
                failure = e;
            } catch (Throwable e) {
                // An Error too (OutOfMemoryError): the connection goes back to the pool outside any transaction.
                rollbackQuietly(connection);
                throw e;
            } finally {
                closeQuietly(connection);
            }
            String state = sqlState(failure);
            if (droppedConnection(state, write, committing) && ++droppedConnections <= POOL_SIZE + 1) {
                // The server restarted or a proxy dropped the connection since the pool last used it; the
                // pool has evicted it, and the next connection is a new one (or fails to connect, in one line).
                continue;
            }
            boolean retry = SERIALIZATION_FAILURE.equals(state) || DEADLOCK.equals(state)
                    || (write && UNIQUE_VIOLATION.equals(state) && ++uniqueViolations <= UNIQUE_VIOLATION_RETRIES);
            if (!retry) {
                throw failure(what, failure, write);
            }
            if (System.currentTimeMillis() > deadline) {
                throw new StoreException("Cannot " + what + " in the PostgreSQL store " + store + ": other writers kept"
                        + " conflicting with it for " + RETRY_BUDGET_MILLIS / 1000 + " s (" + reason(failure) + "). Try again.", failure);
            }
            pause(attempt);
        }
    }

    /**
     * Whether a transaction failed because its connection was lost, and may run again on another: always
     * for a read; for a write only if the commit was not yet sent, since a write whose commit went out may
     * have been stored (a lost acknowledgement), and running it again could store it twice. The background
     * writer's metric batches, which the store recognizes when sent again, retry on their own.
     * Every pooled connection may be dead after a restart, hence up to the pool's size in a row.
     */
    static boolean droppedConnection(String state, boolean write, boolean committing) {
        boolean lost = state != null && (state.startsWith("08") || state.startsWith("57P"));
        return lost && (!write || !committing);
    }

    private StoreException failure(String what, SQLException e, boolean write) {
        String state = sqlState(e);
        if (isConnectionFailure(state)) {
            return new StoreException("Cannot " + what + ": " + cannotConnect(store, user, password, e), e);
        }
        if (READ_ONLY_TRANSACTION.equals(state) || INSUFFICIENT_PRIVILEGE.equals(state)) {
            if (write) {
                return new StoreException("Cannot " + what + ": the PostgreSQL store " + store + " is read-only for user '"
                        + user + "' (" + reason(e) + "). Open it as a user who may write (a new store's first open creates its"
                        + " tables), or ask its owner to grant INSERT, UPDATE and DELETE on its tables.", e);
            }
            return new StoreException("Cannot " + what + ": user '" + user + "' may not read the PostgreSQL store " + store
                    + " (" + reason(e) + "). Ask its owner to grant USAGE on its schema and SELECT on its tables.", e);
        }
        return new StoreException("Cannot " + what + " in the PostgreSQL store " + store + ": " + reason(e)
                + (state == null ? "." : " (SQLSTATE " + state + ")."), e);
    }

    /** One line for a server that cannot be reached or refuses the login, with what to check. */
    private static String cannotConnect(String store, String user, Optional<Credentials.Password> password, Throwable e) {
        String state = e instanceof SQLException sql ? sqlState(sql) : null;
        String hint;
        if (INVALID_PASSWORD.equals(state) || "28000".equals(state) || "08004".equals(state)) {
            hint = password.map(p -> "Check the password given by " + p.source() + ".")
                    .orElse("No password was found: set " + Credentials.PASSWORD_VARIABLE
                            + " or PGPASSWORD, or add a line for this server to ~/.pgpass.");
        } else if (UNKNOWN_DATABASE.equals(state)) {
            hint = "Create the database first (createdb, or CREATE DATABASE), or correct its name in the URI.";
        } else {
            hint = "Check that the server is running and that the host and port are right.";
        }
        String reason = e instanceof SQLException sql ? reasonOf(sql) : oneLine(e.getMessage());
        return scrub("cannot connect to the PostgreSQL store " + store + " as '" + user + "': " + reason + ". " + hint, password);
    }

    private static boolean isConnectionFailure(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("28") || state.startsWith("57P")
                || UNKNOWN_DATABASE.equals(state));
    }

    /**
     * The server's own one-line message ("permission denied for table runs"), without the detail and
     * context lines PostgreSQL adds, which may quote values or statements; else the driver's message.
     * A batch failure hides the server's error behind a message that quotes the statement, so the chain
     * is searched for it first.
     */
    private String reason(SQLException e) {
        return scrub(reasonOf(e), password);
    }

    static String reasonOf(SQLException e) {
        ServerErrorMessage server = serverError(e);
        if (server != null && server.getMessage() != null) {
            return oneLine(server.getMessage());
        }
        SQLException cause = e.getNextException() != null ? e.getNextException() : e;
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return oneLine(message);
    }

    private static ServerErrorMessage serverError(SQLException e) {
        for (Throwable t = e; t != null; t = t instanceof SQLException sql && sql.getNextException() != null
                ? sql.getNextException() : t.getCause()) {
            if (t instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                return psql.getServerErrorMessage();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** The SQLSTATE of the server's error when there is one (a batch's own state is less precise). */
    static String sqlState(SQLException e) {
        ServerErrorMessage server = serverError(e);
        if (server != null && server.getSQLState() != null) {
            return server.getSQLState();
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** On one line and without a closing period, so that it reads well inside a sentence. */
    private static String oneLine(String text) {
        String line = text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }

    /** A password never leaves in a message, even where a driver or server might echo it. */
    private static String scrub(String text, Optional<Credentials.Password> password) {
        return password.map(Credentials.Password::value).filter(p -> !p.isEmpty())
                .map(p -> text.replace(p, Scrubber.MARKER)).orElse(text);
    }

    private static void pause(int attempt) {
        long base = Math.min(1_000, 10L << Math.min(attempt, 7));
        try {
            Thread.sleep(base / 2 + ThreadLocalRandom.current().nextLong(base + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while retrying a write to the PostgreSQL store", e);
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // A broken connection: the pool discards it rather than hand it out again.
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // Returning a connection to the pool does not fail in a way the caller could act on.
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("The PostgreSQL store " + store + " is closed. Open it again with Labbook.open().");
        }
    }

    @Override
    public void close() {
        closed = true;
        pool.close();
    }
}
