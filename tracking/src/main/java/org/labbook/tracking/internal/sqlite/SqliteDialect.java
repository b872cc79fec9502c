package org.labbook.tracking.internal.sqlite;

import org.labbook.tracking.internal.jdbc.Dialect;
import org.labbook.tracking.internal.jdbc.SqlText;

/** SQLite's side of the store core. */
public final class SqliteDialect implements Dialect {

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public String migrationsFolder() {
        return "/org/labbook/tracking/internal/sqlite/migrations";
    }

    @Override
    public String runCreationOrder() {
        return "r.rowid";
    }

    /** SQLite's default SQLITE_MAX_VARIABLE_NUMBER is 32,766 since 3.32; slices stay far below it. */
    @Override
    public int maxBindParameters() {
        return 32_766;
    }

    /** Case-sensitive because every connection sets {@code case_sensitive_like}. */
    @Override
    public SqlText like(SqlText column, String pattern) {
        return new SqlText().append(column).sql(" LIKE ").arg(pattern);
    }

    @Override
    public SqlText ilike(SqlText column, String pattern) {
        return new SqlText().sql("lower(").append(column).sql(") LIKE lower(").arg(pattern).sql(")");
    }
}
