package org.labbook.tracking.spi;

import org.labbook.tracking.MetricPoint;
import org.labbook.tracking.ValidationException;

/**
 * Points of one metric of one run in column form: the batch shape in which the background writer hands
 * metrics to a {@link RunStore}, so that a million points cost four arrays rather than a million
 * objects.
 *
 * <p>The arrays are not copied: the first {@code size} entries are the points, in logging order, and
 * the caller must not change them until the store call returns.
 */
public record MetricColumns(String runId, String key, long[] steps, long[] timestamps, double[] values, int size) {
    public MetricColumns {
        Validation.required("run id", runId);
        Validation.key("metric key", key);
        Validation.required("steps", steps);
        Validation.required("timestamps", timestamps);
        Validation.required("values", values);
        if (size < 0 || size > steps.length || size > timestamps.length || size > values.length) {
            throw new ValidationException("Invalid metric batch for '" + key + "': size " + size
                    + " does not fit the arrays (" + steps.length + ", " + timestamps.length + ", "
                    + values.length + ").");
        }
    }

    /** One point as a batch of one. */
    public static MetricColumns of(String runId, MetricPoint point) {
        return new MetricColumns(runId, point.key(), new long[] {point.step()}, new long[] {point.timestamp()},
                new double[] {point.value()}, 1);
    }

    /** The i-th point as a record. */
    public MetricPoint point(int i) {
        return new MetricPoint(key, values[i], steps[i], timestamps[i]);
    }
}
