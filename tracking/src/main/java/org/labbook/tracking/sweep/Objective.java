package org.labbook.tracking.sweep;

import org.labbook.tracking.spi.Validation;

/**
 * What a sweep optimizes: a metric's latest value in each trial, to be made as small or as large as
 * possible.
 */
public record Objective(String metric, boolean minimize) {
    public Objective {
        Validation.key("objective metric", metric);
    }

    public static Objective minimize(String metric) {
        return new Objective(metric, true);
    }

    public static Objective maximize(String metric) {
        return new Objective(metric, false);
    }

    /** Whether {@code a} is strictly better than {@code b}; NaN is never better. */
    public boolean better(double a, double b) {
        if (Double.isNaN(a)) {
            return false;
        }
        if (Double.isNaN(b)) {
            return true;
        }
        return minimize ? a < b : a > b;
    }

    /** The value as a loss, smaller being better, for the samplers. */
    double loss(double value) {
        return minimize ? value : -value;
    }

    @Override
    public String toString() {
        return (minimize ? "minimize " : "maximize ") + metric;
    }
}
