package org.labbook.tracking.internal.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * What one SQL database does differently from the others, for the store core. Everything else the
 * core writes once in SQL that SQLite and PostgreSQL both understand: {@code INSERT ... ON CONFLICT},
 * {@code NULLS LAST}, {@code 1 = 1}, {@code coalesce}.
 *
 * <p>Conventions every dialect's schema keeps, so that the core's SQL is the same everywhere: a metric
 * value is a double-precision column holding NULL for NaN (the exact bits of the latest value live in
 * an integer column beside it), so no database's NaN rules leak into searches; flags are small integers
 * 0/1; times are epoch milliseconds in 64-bit integers; the run's user is {@code user_name}
 * ({@code user} is reserved in PostgreSQL).
 */
public interface Dialect {

    /** The database's name in messages and the folder of its migrations, e.g. "sqlite". */
    String name();

    /**
     * The class-path folder of this database's migrations: {@code V1.sql}, {@code V2.sql}, ... each a
     * list of statements separated by lines that end with {@code ;}. A released migration never changes.
     */
    String migrationsFolder();

    /** A column that orders runs of the same start millisecond in creation order ({@code r} is the run). */
    String runCreationOrder();

    /** How many {@code ?} one statement may hold; long IN lists are cut into slices below it. */
    int maxBindParameters();

    /** A case-sensitive LIKE test, as the filter language defines it. */
    SqlText like(SqlText column, String pattern);

    /** A case-insensitive LIKE test. */
    SqlText ilike(SqlText column, String pattern);

    /**
     * Called inside the migrating write transaction before the schema version is read, so that when
     * several clients meet an empty database only one migrates and the others find it done.
     */
    default void lockForMigration(Connection connection) throws SQLException {
    }

    /**
     * Whether the store has a table of this name, answered without failing the transaction when it has
     * not. The default asks the driver's metadata within the connection's schema; a database whose
     * connections see several schemas answers for the one the store's statements resolve names in.
     */
    default boolean hasTable(Connection connection, String table) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(connection.getCatalog(), connection.getSchema(),
                table, null)) {
            while (tables.next()) {
                if (table.equalsIgnoreCase(tables.getString("TABLE_NAME"))) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * {@code INSERT INTO table (columns) VALUES (?, ...) ON CONFLICT (keys) DO UPDATE SET v = excluded.v}
     * for every non-key column, or {@code DO NOTHING} when every column is a key or {@code update} is false.
     */
    default String upsert(String table, List<String> keys, List<String> columns, boolean update) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (")
                .append(String.join(", ", columns)).append(") VALUES (")
                .append(String.join(", ", java.util.Collections.nCopies(columns.size(), "?")))
                .append(") ON CONFLICT (").append(String.join(", ", keys)).append(") DO ");
        List<String> values = columns.stream().filter(c -> !keys.contains(c)).toList();
        if (!update || values.isEmpty()) {
            return sql.append("NOTHING").toString();
        }
        sql.append("UPDATE SET ");
        for (int i = 0; i < values.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(values.get(i)).append(" = excluded.").append(values.get(i));
        }
        return sql.toString();
    }
}
