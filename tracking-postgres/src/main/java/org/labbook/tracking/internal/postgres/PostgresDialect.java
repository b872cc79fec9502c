package org.labbook.tracking.internal.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.labbook.tracking.internal.jdbc.Dialect;
import org.labbook.tracking.internal.jdbc.SqlText;

/** PostgreSQL's side of the store core; public for the setup SQL ({@code org.labbook.tracking.postgres}). */
public final class PostgresDialect implements Dialect {
    /** The first key of the store's advisory locks ("LBK"), so that they do not meet other applications' locks. */
    static final int LOCK_CLASS = 0x4C424B;

    private final String schema;

    /** @param schema the schema the store lives in (created when missing), or null for the connection's default */
    public PostgresDialect(String schema) {
        this.schema = schema;
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public String migrationsFolder() {
        return "/org/labbook/tracking/internal/postgres/migrations";
    }

    @Override
    public String runCreationOrder() {
        return "r.creation_seq";
    }

    /** The protocol counts parameters in 16 bits; the driver refuses more than 32,767 in older versions. */
    @Override
    public int maxBindParameters() {
        return 32_767;
    }

    /**
     * {@code ESCAPE ''}: PostgreSQL would otherwise read a backslash in the pattern as an escape, and the
     * filter language, as on SQLite, has none, so {@code \} matches itself.
     */
    @Override
    public SqlText like(SqlText column, String pattern) {
        return new SqlText().append(column).sql(" LIKE ").arg(pattern).sql(" ESCAPE ''");
    }

    @Override
    public SqlText ilike(SqlText column, String pattern) {
        return new SqlText().append(column).sql(" ILIKE ").arg(pattern).sql(" ESCAPE ''");
    }

    /**
     * Waits for the store's advisory lock, held until this transaction ends, so that of many clients
     * meeting an empty database one migrates and the others then find the schema made. The transaction
     * reads committed data (it is the first statement, so the level can still be set): a serializable
     * snapshot would be taken before the wait and would not show the schema the lock holder committed.
     * The store's schema is created here, under the lock, when the URI names one that does not exist.
     */
    @Override
    public void lockForMigration(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
        }
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
            lock.setInt(1, LOCK_CLASS);
            lock.setInt(2, lockKey(schema));
            lock.execute();
        }
        if (schema == null) {
            return;
        }
        boolean exists;
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            select.setString(1, schema);
            try (ResultSet rs = select.executeQuery()) {
                exists = rs.next();
            }
        }
        // Only when missing: CREATE SCHEMA IF NOT EXISTS would still need the right to create schemas,
        // which a user given an existing schema usually lacks. The name was checked to be a plain
        // lower-case identifier, so quoting it is all it needs.
        if (!exists) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA \"" + schema + "\"");
            }
        }
    }

    /** The second key of the migration lock: one lock per schema, so stores in one database do not wait on each other. */
    static int lockKey(String schema) {
        return schema == null ? 0 : schema.hashCode();
    }

    /** Looked up in the search path the store's statements use, the store's schema when one is named. */
    @Override
    public boolean hasTable(Connection connection, String table) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            select.setString(1, table);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
