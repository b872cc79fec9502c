package org.labbook.tracking;

import org.labbook.tracking.spi.Validation;

/**
 * One logged value of a metric. NaN and the infinities are legal values and are stored and read back
 * bit for bit; they are not errors because a diverging loss is exactly what a user needs to see.
 *
 * @param timestamp milliseconds since the epoch when the point was logged
 */
public record MetricPoint(String key, double value, long step, long timestamp) {
    public MetricPoint {
        Validation.key("metric key", key);
    }
}
