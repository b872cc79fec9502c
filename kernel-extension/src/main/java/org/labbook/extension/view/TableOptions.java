package org.labbook.extension.view;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a runs table shows.
 *
 * @param metrics    the metric columns, in order; empty means every metric any run has, sorted by key
 * @param minMax     also show each metric's min and max next to its latest value
 * @param comparison highlight params that differ between runs and fold the ones that don't
 * @param maxRows    rows shown before the table is cut with a note (the HTML stays small enough for a browser)
 * @param directions per metric key, whether lower or higher is better, where the guess from the name is wrong
 * @param now        the instant durations of running runs are measured to
 * @param columns    columns to show first, right after the run's name, in this order: {@code params.KEY} or
 *                   {@code metrics.KEY} (as {@code %track runs --columns params.lr,metrics.loss} asks)
 */
public record TableOptions(List<String> metrics, boolean minMax, boolean comparison, int maxRows,
                           Map<String, MetricDirection> directions, Instant now, List<String> columns) {

    /** Enough rows to compare a sweep; 1,000 rows of 50 columns would make a page that scrolls for minutes. */
    public static final int DEFAULT_MAX_ROWS = 200;

    public TableOptions {
        metrics = List.copyOf(metrics);
        if (maxRows < 1) {
            throw new IllegalArgumentException("Invalid maxRows " + maxRows + ": a table shows at least one row.");
        }
        directions = Map.copyOf(directions);
        Objects.requireNonNull(now, "now");
        columns = List.copyOf(columns);
    }

    public TableOptions(List<String> metrics, boolean minMax, boolean comparison, int maxRows,
                        Map<String, MetricDirection> directions, Instant now) {
        this(metrics, minMax, comparison, maxRows, directions, now, List.of());
    }

    /** The same table with those columns first (params.KEY or metrics.KEY), in that order. */
    public TableOptions withColumnsFirst(List<String> first) {
        return new TableOptions(metrics, minMax, comparison, maxRows, directions, now, first);
    }

    /** Every metric, latest values only, no comparison highlighting. */
    public static TableOptions defaults() {
        return new TableOptions(List.of(), false, false, DEFAULT_MAX_ROWS, Map.of(), Instant.now());
    }

    public TableOptions withMetrics(List<String> keys) {
        return new TableOptions(keys, minMax, comparison, maxRows, directions, now, columns);
    }

    public TableOptions withMinMax(boolean show) {
        return new TableOptions(metrics, show, comparison, maxRows, directions, now, columns);
    }

    public TableOptions asComparison(boolean compare) {
        return new TableOptions(metrics, minMax, compare, maxRows, directions, now, columns);
    }

    public TableOptions withMaxRows(int rows) {
        return new TableOptions(metrics, minMax, comparison, rows, directions, now, columns);
    }

    public TableOptions withDirection(String metricKey, MetricDirection direction) {
        Map<String, MetricDirection> copy = new LinkedHashMap<>(directions);
        copy.put(metricKey, direction);
        return new TableOptions(metrics, minMax, comparison, maxRows, copy, now, columns);
    }

    public TableOptions at(Instant instant) {
        return new TableOptions(metrics, minMax, comparison, maxRows, directions, instant, columns);
    }

    MetricDirection direction(String metricKey) {
        return MetricDirection.of(metricKey, directions);
    }
}
