package org.labbook.extension.view;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * One axis of a params view: numeric when every present value is a number (placed by value), else
 * categorical (placed by the sorted order of the distinct values). Maps each run's value to [0, 1].
 */
record ParamAxis(String name, boolean numeric, double min, double max, List<String> categories) {

    static ParamAxis of(String name, List<String> values) {
        boolean numeric = values.stream().filter(v -> v != null && !v.isBlank()).allMatch(Numbers::isNumeric);
        if (numeric) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (String v : values) {
                double d = Numbers.parseOrNaN(v);
                if (Double.isFinite(d)) {
                    min = Math.min(min, d);
                    max = Math.max(max, d);
                }
            }
            return new ParamAxis(name, true, min, max, List.of());
        }
        TreeSet<String> distinct = new TreeSet<>();
        values.stream().filter(v -> v != null).forEach(distinct::add);
        return new ParamAxis(name, false, 0, Math.max(0, distinct.size() - 1), new ArrayList<>(distinct));
    }

    static ParamAxis ofNumbers(String name, double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double d : values) {
            if (Double.isFinite(d)) {
                min = Math.min(min, d);
                max = Math.max(max, d);
            }
        }
        return new ParamAxis(name, true, min, max, List.of());
    }

    /** The position of a value on this axis, or NaN when the run has none. */
    double position(String value) {
        return numeric ? position(Numbers.parseOrNaN(value)) : categoryPosition(value);
    }

    double position(double value) {
        if (!Double.isFinite(value)) {
            return Double.NaN;
        }
        return max > min ? (value - min) / (max - min) : 0.5;
    }

    /** The raw value for plots with a real axis: the number, or the category's index. */
    double coordinate(String value) {
        if (numeric) {
            return Numbers.parseOrNaN(value);
        }
        int index = value == null ? -1 : categories.indexOf(value);
        return index < 0 ? Double.NaN : index;
    }

    private double categoryPosition(String value) {
        int index = value == null ? -1 : categories.indexOf(value);
        if (index < 0) {
            return Double.NaN;
        }
        return categories.size() == 1 ? 0.5 : index / (double) (categories.size() - 1);
    }
}
