package org.labbook.extension.view;

import java.util.Objects;

/**
 * The history of one metric of one run, as parallel arrays ordered by step.
 *
 * @param runLabel   how legends name the run
 * @param timestamps milliseconds since the epoch when each point was logged
 */
public record Series(String runLabel, String metricKey, long[] steps, long[] timestamps, double[] values) {
    public Series {
        Objects.requireNonNull(runLabel, "runLabel");
        Objects.requireNonNull(metricKey, "metricKey");
        Objects.requireNonNull(steps, "steps");
        Objects.requireNonNull(timestamps, "timestamps");
        Objects.requireNonNull(values, "values");
        if (steps.length != values.length || timestamps.length != values.length) {
            throw new IllegalArgumentException("Series '" + runLabel + "/" + metricKey + "' has " + steps.length
                    + " steps, " + timestamps.length + " timestamps and " + values.length
                    + " values; the three arrays must have the same length.");
        }
    }

    public int size() {
        return values.length;
    }

    /** The same points under another label. */
    public Series withLabel(String label) {
        return new Series(label, metricKey, steps, timestamps, values);
    }
}
