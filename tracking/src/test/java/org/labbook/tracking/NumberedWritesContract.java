package org.labbook.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.labbook.tracking.spi.MetricColumns;
import org.labbook.tracking.spi.NumberedColumns;

/**
 * What every backend does with numbered metric batches (the store's marks) and with searches ordered by
 * a metric that the filter requires: a batch sent again stores nothing twice, and the order is the same
 * whether or not the filter lets the store join the metric's summaries as an inner join.
 */
public abstract class NumberedWritesContract extends StoreContractSupport {

    private static NumberedColumns points(String runId, String key, String writer, long first, int count) {
        long[] steps = new long[count];
        long[] times = new long[count];
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            steps[i] = first + i;
            times[i] = 1_000 + first + i;
            values[i] = first + i;
        }
        return new NumberedColumns(new MetricColumns(runId, key, steps, times, values, count), writer, first);
    }

    private String newRun() {
        try (Run run = tracker.start("e", "r")) {
            return run.id();
        }
    }

    private List<Double> history(String runId, String key) {
        return tracker.store().history(runId, key, 10_000).stream().map(MetricPoint::value).toList();
    }

    @Test
    void aBatchSentAgainAfterItWasStoredStoresNothingTwice() {
        String id = newRun();
        tracker.store().appendNumberedMetrics(List.of(points(id, "loss", "w1", 0, 5), points(id, "acc", "w1", 0, 2)));
        tracker.store().appendNumberedMetrics(List.of(points(id, "loss", "w1", 0, 5), points(id, "acc", "w1", 0, 2)));
        assertThat(history(id, "loss")).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0);
        assertThat(history(id, "acc")).containsExactly(0.0, 1.0);
        assertThat(tracker.store().metricSummaries(id).get("loss").count()).isEqualTo(5);
    }

    @Test
    void aRetryCutDifferentlyStoresOnlyThePointsBeyondTheMark() {
        String id = newRun();
        tracker.store().appendNumberedMetrics(List.of(points(id, "loss", "w1", 0, 3)));
        // The retry covers the committed points and more (the queue grew meanwhile).
        tracker.store().appendNumberedMetrics(List.of(points(id, "loss", "w1", 0, 6)));
        // A shorter retry, entirely below the mark.
        tracker.store().appendNumberedMetrics(List.of(points(id, "loss", "w1", 2, 3)));
        assertThat(history(id, "loss")).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0);
    }

    @Test
    void twoWritersOfOneRunAreCountedApart() {
        String id = newRun();
        tracker.store().appendNumberedMetrics(List.of(points(id, "loss", "laptop", 0, 2)));
        tracker.store().appendNumberedMetrics(List.of(points(id, "loss", "server", 0, 2)));
        tracker.store().appendNumberedMetrics(List.of(points(id, "loss", "laptop", 0, 2)));
        assertThat(tracker.store().metricSummaries(id).get("loss").count()).isEqualTo(4);
    }

    @Test
    void theBackgroundWriterNumbersItsPoints() {
        String id;
        try (Run run = tracker.start("e", "r")) {
            id = run.id();
            for (int i = 0; i < 1_000; i++) {
                run.metric("loss", i, i);
            }
        }
        assertThat(tracker.store().metricSummaries(id).get("loss").count()).isEqualTo(1_000);
        // The writer's mark says 1,000: the same points numbered from 0 by the same writer would be skipped,
        // which only a store that recorded them can know; a stranger's writer id is not.
        tracker.store().appendNumberedMetrics(List.of(points(id, "loss", "stranger", 0, 1)));
        assertThat(tracker.store().metricSummaries(id).get("loss").count()).isEqualTo(1_001);
    }

    @Test
    void orderByAMetricTheFilterRequiresKeepsNanAfterNumbersInBothDirections() {
        for (double value : new double[] {1.5, Double.NEGATIVE_INFINITY, Double.NaN, Double.POSITIVE_INFINITY, -2.0}) {
            try (Run run = tracker.start("e", String.valueOf(value))) {
                run.metric("m", value, 0);
                run.param("p", "x");
            }
        }
        try (Run run = tracker.start("e", "missing")) {
            run.param("p", "x");
        }
        assertThat(names("metrics.m IS NOT NULL and params.p = 'x'", "metrics.m DESC"))
                .containsExactly("Infinity", "1.5", "-2.0", "-Infinity", "NaN");
        assertThat(names("params.p = 'x' and metrics.m != 7", "metrics.m ASC"))
                .containsExactly("-Infinity", "-2.0", "1.5", "Infinity", "NaN");
        assertThat(names("metrics.m > -3 and params.p = 'x'", "metrics.m DESC")).containsExactly("Infinity", "1.5", "-2.0");
        // Under OR the metric is not required: runs without it still come, last.
        assertThat(names("metrics.m > 1 or params.p = 'x'", "metrics.m DESC"))
                .containsExactly("Infinity", "1.5", "-2.0", "-Infinity", "NaN", "missing");
    }

    private List<String> names(String filter, String orderBy) {
        return tracker.runs(RunQuery.all().filter(filter).orderBy(orderBy)).runs().stream().map(RunDetails::name).toList();
    }
}
