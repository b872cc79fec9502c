package org.labbook.tracking;

import org.labbook.tracking.spi.Validation;

/**
 * What the store keeps per (run, metric key) so that "latest", "min" and "max" need no scan of the
 * points. {@code latest} is the value at the highest step (among equal steps, the one logged last).
 * {@code min} and {@code max} ignore NaN; they are NaN only when every value was NaN.
 */
public record MetricSummary(String key, double latest, long latestStep, long latestTimestamp,
                            double min, double max, long count) {
    public MetricSummary {
        Validation.key("metric key", key);
        if (count < 1) {
            throw new ValidationException("Invalid metric summary for '" + key + "': count is " + count
                    + "; a summary exists only once a point was logged.");
        }
    }

    /** The highest step logged so far. */
    public long lastStep() {
        return latestStep;
    }
}
