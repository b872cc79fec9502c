package org.labbook.tracking.query;

import java.util.Objects;

/**
 * One sort key of a run search, such as {@code metrics.val_loss ASC} or {@code start_time DESC}.
 * Runs lacking the metric, param or tag sort after those that have it, whichever the direction.
 *
 * <p>Datasets cannot be sort keys: a run may have several, so there is no one value to sort by.
 */
public record OrderBy(Operand operand, boolean ascending) {

    /** Shared with the parser, which reports the same rule with a column. */
    static final String DATASET_PROBLEM = "runs cannot be sorted by a dataset field, because a run may have"
            + " several datasets. Sort by a metric, param, tag or attribute, for example metrics.val_loss ASC";

    public OrderBy {
        Objects.requireNonNull(operand, "operand");
        if (operand.kind() == Operand.Kind.DATASET) {
            throw new IllegalArgumentException(DATASET_PROBLEM);
        }
    }

    public static OrderBy asc(Operand operand) {
        return new OrderBy(operand, true);
    }

    public static OrderBy desc(Operand operand) {
        return new OrderBy(operand, false);
    }

    /** Prints the canonical form, e.g. {@code metrics.val_loss DESC}, which parses back to an equal value. */
    @Override
    public String toString() {
        return operand + (ascending ? " ASC" : " DESC");
    }
}
