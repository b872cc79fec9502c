package org.labbook.tracking.sweep;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.labbook.tracking.ValidationException;
import org.labbook.tracking.spi.Validation;

/**
 * One parameter of a {@link Space}: a float range (uniform or log-uniform), an integer range, or a
 * choice among values. Made with the factories of {@link Space}; each validates in its constructor, so a
 * bad space is refused before anything is stored.
 */
public sealed interface Dimension permits Dimension.FloatRange, Dimension.IntRange, Dimension.Choice {

    /** The parameter's name, as the trial's getters and the trial run's params know it. */
    String name();

    /** The dimension in the space-definition grammar, e.g. {@code loguniform(1.0E-5, 0.1)}. */
    String describe();

    /** Values drawn uniformly between {@code low} and {@code high}, or uniformly in their logarithm. */
    record FloatRange(String name, double low, double high, boolean log) implements Dimension {
        public FloatRange {
            checkName(name);
            String kind = log ? "loguniform" : "uniform";
            if (!Double.isFinite(low) || !Double.isFinite(high)) {
                throw new ValidationException("Invalid space: " + name + ": " + kind + "(" + low + ", " + high
                        + ") needs finite bounds. Write e.g. " + name + ": " + kind + "(0.001, 0.1).");
            }
            if (low > high) {
                throw lowAboveHigh(name, kind, low, high);
            }
            if (log && low <= 0) {
                throw new ValidationException("Invalid space: " + name + ": loguniform(" + low + ", " + high
                        + ") has a non-positive bound, and a logarithm needs both bounds above 0. Use uniform, or a"
                        + " positive low such as 1e-6.");
            }
        }

        @Override
        public String describe() {
            return (log ? "loguniform(" : "uniform(") + low + ", " + high + ")";
        }
    }

    /** Whole numbers from {@code low} to {@code high}, both included. */
    record IntRange(String name, long low, long high) implements Dimension {
        public IntRange {
            checkName(name);
            if (low > high) {
                throw lowAboveHigh(name, "int", low, high);
            }
        }

        @Override
        public String describe() {
            return "int(" + low + ", " + high + ")";
        }
    }

    /**
     * One of a list of values: numbers (kept as Long or Double), strings or booleans. Integers of any
     * width are widened to Long and floats to Double, so a value reads the same back from the store.
     */
    record Choice(String name, List<Object> values) implements Dimension {
        public Choice {
            checkName(name);
            Validation.required("choice values", values);
            if (values.isEmpty()) {
                throw new ValidationException("Invalid space: " + name + ": choice() is empty, and a choice needs at"
                        + " least one value. Write e.g. " + name + ": choice(16, 32, 64).");
            }
            List<Object> normal = new ArrayList<>();
            Set<Object> seen = new HashSet<>();
            for (Object value : values) {
                Object v = normalize(name, value);
                if (!seen.add(v)) {
                    throw new ValidationException("Invalid space: " + name + ": choice lists " + show(v)
                            + " twice. List each value once.");
                }
                normal.add(v);
            }
            values = List.copyOf(normal);
        }

        @Override
        public String describe() {
            StringBuilder text = new StringBuilder("choice(");
            for (int i = 0; i < values.size(); i++) {
                text.append(i == 0 ? "" : ", ").append(show(values.get(i)));
            }
            return text.append(')').toString();
        }

        private static Object normalize(String name, Object value) {
            if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
                return ((Number) value).longValue();
            }
            if (value instanceof Float || value instanceof Double) {
                double d = ((Number) value).doubleValue();
                if (!Double.isFinite(d)) {
                    throw new ValidationException("Invalid space: " + name + ": choice value " + d
                            + " is not a finite number. Use finite numbers, strings or booleans.");
                }
                return d;
            }
            if (value instanceof String || value instanceof Boolean) {
                return value;
            }
            throw new ValidationException("Invalid space: " + name + ": choice value " + value + " is a "
                    + (value == null ? "null" : value.getClass().getSimpleName())
                    + ", and a choice holds numbers, strings or booleans.");
        }

        static String show(Object value) {
            if (value instanceof String s) {
                StringBuilder quoted = new StringBuilder("\"");
                for (char ch : s.toCharArray()) {
                    switch (ch) {
                        case '"' -> quoted.append("\\\"");
                        case '\\' -> quoted.append("\\\\");
                        case '\n' -> quoted.append("\\n");
                        case '\t' -> quoted.append("\\t");
                        case '\r' -> quoted.append("\\r");
                        default -> {
                            if (ch < 0x20) {
                                quoted.append(String.format("\\u%04x", (int) ch));
                            } else {
                                quoted.append(ch);
                            }
                        }
                    }
                }
                return quoted.append('"').toString();
            }
            return String.valueOf(value);
        }
    }

    private static void checkName(String name) {
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_.\\-]{0,99}")) {
            throw new ValidationException("Invalid parameter name '" + name + "': a name starts with a letter or _ and"
                    + " holds letters, digits, _ . - (at most 100). Write e.g. lr or layer_1.units.");
        }
    }

    private static ValidationException lowAboveHigh(String name, String kind, Object low, Object high) {
        return new ValidationException("Invalid space: " + name + ": " + kind + "(" + low + ", " + high
                + ") has low > high. Write the lower bound first: " + kind + "(" + high + ", " + low + ").");
    }
}
