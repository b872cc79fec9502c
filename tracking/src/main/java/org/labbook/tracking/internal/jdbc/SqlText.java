package org.labbook.tracking.internal.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * A SQL statement being built together with its arguments. Only fixed fragments written in the store
 * core or a dialect go into the text; every value (including metric, param and tag keys) goes in as a
 * {@code ?} argument, so nothing a user types can change a statement's meaning.
 */
public final class SqlText {
    private final StringBuilder text = new StringBuilder();
    private final List<Object> args = new ArrayList<>();

    public SqlText sql(String fragment) {
        text.append(fragment);
        return this;
    }

    /** Appends a {@code ?} bound to {@code value}. */
    public SqlText arg(Object value) {
        text.append('?');
        args.add(value);
        return this;
    }

    /** Appends {@code (?, ?, ...)} for the values. */
    public SqlText args(List<?> values) {
        text.append('(');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            arg(values.get(i));
        }
        text.append(')');
        return this;
    }

    public SqlText append(SqlText other) {
        text.append(other.text);
        args.addAll(other.args);
        return this;
    }

    public String text() {
        return text.toString();
    }

    public List<Object> arguments() {
        return List.copyOf(args);
    }

    /** Binds the arguments; a NaN double goes in as SQL NULL, as every metric column stores it. */
    public void bind(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object value = args.get(i);
            if (value instanceof Double d && d.isNaN()) {
                statement.setNull(i + 1, Types.DOUBLE);
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
