package org.labbook.extension.view;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.labbook.tracking.MetricSummary;
import org.labbook.tracking.RunStatus;

/** Runs and series the view tests draw. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    private Fixtures() {
    }

    static RunRow run(String id, String name, RunStatus status, Map<String, String> params, double loss, double acc) {
        Map<String, MetricSummary> metrics = new LinkedHashMap<>();
        metrics.put("loss", new MetricSummary("loss", loss, 100, 0, loss, loss * 3, 100));
        metrics.put("accuracy", new MetricSummary("accuracy", acc, 100, 0, acc / 2, acc, 100));
        return new RunRow(id, name, status, T0, T0.plusSeconds(125), "ada", Map.of("type", "sweep"), params,
                metrics);
    }

    /** A decaying loss with noise-free shape, {@code n} points, steps 0..n-1, one point per second. */
    static Series loss(String run, int n, double scale) {
        long[] steps = new long[n];
        long[] times = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            steps[i] = i;
            times[i] = T0.toEpochMilli() + i * 1000L;
            values[i] = scale * Math.exp(-i / (double) Math.max(1, n / 4)) + 0.05;
        }
        return new Series(run, "loss", steps, times, values);
    }
}
