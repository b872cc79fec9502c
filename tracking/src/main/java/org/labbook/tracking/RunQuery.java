package org.labbook.tracking;

import java.util.List;

import org.labbook.tracking.spi.Validation;

/**
 * What to search for: which experiments (none means all), a filter in the query language
 * ({@code metrics.val_acc > 0.9 and params.lr = '0.001'}), an order ({@code metrics.val_loss ASC};
 * default newest first), a page size and a page token.
 *
 * <pre>{@code
 * RunQuery.inExperiment("fraud/baseline").filter("metrics.auc > 0.9").orderBy("metrics.auc DESC").limit(10)
 * }</pre>
 */
public record RunQuery(List<String> experiments, String filter, List<String> orderBy, int limit,
                       String pageToken, boolean includeDeleted) {
    public static final int DEFAULT_LIMIT = 1000;
    public static final int MAX_LIMIT = 50_000;

    public RunQuery {
        experiments = List.copyOf(Validation.required("experiments", experiments));
        experiments.forEach(e -> Validation.name("experiment name", e));
        orderBy = List.copyOf(Validation.required("order by", orderBy));
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ValidationException("Invalid limit " + limit + ": it must be between 1 and " + MAX_LIMIT
                    + ". Read more runs with the next page token.");
        }
    }

    /** Every run of every experiment, newest first. */
    public static RunQuery all() {
        return new RunQuery(List.of(), null, List.of(), DEFAULT_LIMIT, null, false);
    }

    /** Every run of the named experiments, newest first. */
    public static RunQuery inExperiment(String... experimentNames) {
        return all().experiments(List.of(experimentNames));
    }

    public RunQuery experiments(List<String> names) {
        return new RunQuery(names, filter, orderBy, limit, pageToken, includeDeleted);
    }

    public RunQuery filter(String filterText) {
        return new RunQuery(experiments, filterText == null || filterText.isBlank() ? null : filterText,
                orderBy, limit, pageToken, includeDeleted);
    }

    /** Order clauses such as {@code metrics.val_loss ASC}, {@code params.lr}, {@code attributes.start_time DESC}. */
    public RunQuery orderBy(String... clauses) {
        return new RunQuery(experiments, filter, List.of(clauses), limit, pageToken, includeDeleted);
    }

    public RunQuery limit(int maxRuns) {
        return new RunQuery(experiments, filter, orderBy, maxRuns, pageToken, includeDeleted);
    }

    public RunQuery page(String token) {
        return new RunQuery(experiments, filter, orderBy, limit, token, includeDeleted);
    }

    /** Also return soft-deleted runs. */
    public RunQuery includingDeleted() {
        return new RunQuery(experiments, filter, orderBy, limit, pageToken, true);
    }
}
