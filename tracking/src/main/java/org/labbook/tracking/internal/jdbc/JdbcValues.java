package org.labbook.tracking.internal.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/** Small JDBC conventions the store core keeps on every database. */
final class JdbcValues {
    /** Long IN lists go in slices of at most this many ids, whatever the database allows. */
    private static final int SLICE = 500;

    private JdbcValues() {
    }

    /** A NaN double is stored as NULL (the exact bits live elsewhere where they matter). */
    static void setReal(PreparedStatement statement, int index, double value) throws SQLException {
        if (Double.isNaN(value)) {
            statement.setNull(index, Types.DOUBLE);
        } else {
            statement.setDouble(index, value);
        }
    }

    static double realOrNaN(ResultSet rs, int index) throws SQLException {
        double value = rs.getDouble(index);
        return rs.wasNull() ? Double.NaN : value;
    }

    @FunctionalInterface
    interface SliceWork {
        void run(List<String> slice) throws SQLException;
    }

    /** Runs {@code work} over slices of {@code ids} that fit the dialect's bind-parameter limit. */
    static void forEachSlice(Dialect dialect, List<String> ids, SliceWork work) throws SQLException {
        int size = Math.max(1, Math.min(SLICE, dialect.maxBindParameters() - 16));
        for (int from = 0; from < ids.size(); from += size) {
            work.run(ids.subList(from, Math.min(ids.size(), from + size)));
        }
    }
}
