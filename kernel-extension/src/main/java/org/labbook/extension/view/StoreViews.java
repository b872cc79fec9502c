package org.labbook.extension.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.labbook.tracking.MetricPoint;
import org.labbook.tracking.RunDetails;

/** Turns what the tracking store returns into the rows and series the views draw. */
public final class StoreViews {
    private StoreViews() {
    }

    /** A table row of a run; params and tags sorted by key so columns line up across runs. */
    public static RunRow row(RunDetails run) {
        return new RunRow(run.id(), run.name(), run.status(), run.info().startTime(), run.info().endTime(),
                run.info().user(), new TreeMap<>(run.tags()), new TreeMap<>(run.params()), new TreeMap<>(run.metrics()));
    }

    public static List<RunRow> rows(List<RunDetails> runs) {
        return runs.stream().map(StoreViews::row).toList();
    }

    /** The history of one run's metric as a series, in the order the points were given. */
    public static Series series(String runLabel, String metricKey, List<MetricPoint> points) {
        int n = points.size();
        long[] steps = new long[n];
        long[] times = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            MetricPoint p = points.get(i);
            steps[i] = p.step();
            times[i] = p.timestamp();
            values[i] = p.value();
        }
        return new Series(runLabel, metricKey, steps, times, values);
    }

    /**
     * Per metric, one series per run (in the order of {@code runs}), from histories keyed by metric, then
     * run id. Runs without points for a metric get no curve for it.
     */
    public static Map<String, List<Series>> series(List<RunDetails> runs, List<String> metrics,
                                                   Map<String, Map<String, List<MetricPoint>>> histories) {
        Map<String, List<Series>> byMetric = new LinkedHashMap<>();
        for (String metric : metrics) {
            List<Series> curves = new ArrayList<>();
            Map<String, List<MetricPoint>> byRun = histories.getOrDefault(metric, Map.of());
            for (RunDetails run : runs) {
                List<MetricPoint> points = byRun.getOrDefault(run.id(), List.of());
                if (!points.isEmpty()) {
                    curves.add(series(row(run).label(), metric, points));
                }
            }
            byMetric.put(metric, curves);
        }
        return byMetric;
    }
}
