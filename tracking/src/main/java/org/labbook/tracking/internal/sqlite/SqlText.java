package org.labbook.tracking.internal.sqlite;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A SQL statement being built together with its arguments. Only fixed fragments written in this
 * package go into the text; every value (including metric, param and tag keys) goes in as a {@code ?}
 * argument, so nothing a user types can change a statement's meaning.
 */
final class SqlText {
    private final StringBuilder text = new StringBuilder();
    private final List<Object> args = new ArrayList<>();

    SqlText sql(String fragment) {
        text.append(fragment);
        return this;
    }

    /** Appends a {@code ?} bound to {@code value}. */
    SqlText arg(Object value) {
        text.append('?');
        args.add(value);
        return this;
    }

    /** Appends {@code (?, ?, ...)} for the values. */
    SqlText args(List<?> values) {
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

    SqlText append(SqlText other) {
        text.append(other.text);
        args.addAll(other.args);
        return this;
    }

    String text() {
        return text.toString();
    }

    List<Object> arguments() {
        return List.copyOf(args);
    }

    void bind(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object value = args.get(i);
            if (value instanceof Double d && d.isNaN()) {
                statement.setNull(i + 1, java.sql.Types.REAL);
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
