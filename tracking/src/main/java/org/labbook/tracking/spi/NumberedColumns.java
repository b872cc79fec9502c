package org.labbook.tracking.spi;

import org.labbook.tracking.ValidationException;

/**
 * Metric points as one writer numbered them: {@code first} is the number of the first point among all
 * the points of this run and key that the writer {@code writerId} has handed to the store, counting
 * from zero. A store that keeps these numbers (see {@link RunStore#appendNumberedMetrics}) stores a
 * point sent twice only once.
 */
public record NumberedColumns(MetricColumns columns, String writerId, long first) {
    public NumberedColumns {
        Validation.required("metric points", columns);
        Validation.required("writer id", writerId);
        if (writerId.isEmpty() || writerId.length() > 200) {
            throw new ValidationException("Invalid writer id of " + writerId.length()
                    + " characters for metric '" + columns.key() + "'. A writer id has 1 to 200 characters.");
        }
        if (first < 0) {
            throw new ValidationException("Invalid first point number " + first + " for metric '" + columns.key()
                    + "'. Points are numbered from 0.");
        }
    }

    /** The number after the last point. */
    public long through() {
        return first + columns.size();
    }
}
