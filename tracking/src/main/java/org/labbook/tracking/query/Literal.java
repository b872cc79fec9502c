package org.labbook.tracking.query;

import java.util.Objects;

/**
 * A value on the right of a filter clause: a number or a text. Metrics and time attributes take
 * numbers; params, tags and the other attributes take text.
 */
public sealed interface Literal permits Literal.Number, Literal.Text {

    static Literal of(double value) {
        return new Number(value);
    }

    static Literal of(String value) {
        return new Text(value);
    }

    /**
     * A number. NaN and the infinities are allowed because metrics may hold them. Two numbers are
     * equal when {@link Double#compare} says so, so {@code NaN} equals {@code NaN} and {@code -0.0}
     * differs from {@code 0.0}, which keeps the print-and-parse round trip exact.
     */
    record Number(double value) implements Literal {
        /** Whole numbers print without a fraction ({@code 64}); others print as {@link Double#toString}. */
        @Override
        public String toString() {
            boolean whole = value == Math.rint(value) && Math.abs(value) < 1e15
                    && !(value == 0 && Double.doubleToRawLongBits(value) != 0L);
            return whole ? Long.toString((long) value) : Double.toString(value);
        }
    }

    /** A text, compared exactly by {@code = != IN} and as a pattern by {@code LIKE ILIKE}. */
    record Text(String value) implements Literal {
        public Text {
            Objects.requireNonNull(value, "value");
        }

        /**
         * Single-quoted, with a quote inside doubled and a backslash doubled; every other character is
         * printed as is, because the parser reads it back as is.
         */
        @Override
        public String toString() {
            return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
        }
    }
}
