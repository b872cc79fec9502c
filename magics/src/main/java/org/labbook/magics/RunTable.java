package org.labbook.magics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.labbook.kernel.api.MimeBundle;
import org.labbook.kernel.api.MimeBundleProvider;
import org.labbook.magics.internal.Formats;
import org.labbook.magics.internal.TextTable;
import org.labbook.tracking.MetricSummary;
import org.labbook.tracking.RunDetails;

/**
 * Runs as {@code %track runs} shows them: one row per run with its params and metric summaries. The data
 * is all here for richer renderers; {@link #toMimeBundle()} gives the plain-text table.
 *
 * @param title      what the table shows, e.g. "Runs of experiment 'fraud'"
 * @param runs       the runs, in the order to show
 * @param paramKeys  the param columns (every key any run has, sorted)
 * @param metricKeys the metric columns (every key any run has, sorted), showing the latest value
 * @param truncated  whether more runs matched than are listed
 * @param columns    columns to show first ({@code params.KEY}, {@code metrics.KEY}), in that order
 */
public record RunTable(String title, List<RunDetails> runs, List<String> paramKeys, List<String> metricKeys,
                       boolean truncated, boolean minMax, List<String> columns) implements MimeBundleProvider {
    public RunTable {
        runs = List.copyOf(runs);
        paramKeys = List.copyOf(paramKeys);
        metricKeys = List.copyOf(metricKeys);
        columns = List.copyOf(columns);
    }

    public RunTable(String title, List<RunDetails> runs, List<String> paramKeys, List<String> metricKeys,
                    boolean truncated, boolean minMax) {
        this(title, runs, paramKeys, metricKeys, truncated, minMax, List.of());
    }

    /**
     * A table with a column for every param and metric of any of the runs, except system metrics
     * ({@code system/...}): a dozen columns per run would bury the ones the user logged.
     */
    public static RunTable of(String title, List<RunDetails> runs, boolean truncated) {
        TreeSet<String> params = new TreeSet<>();
        TreeSet<String> metrics = new TreeSet<>();
        for (RunDetails run : runs) {
            params.addAll(run.params().keySet());
            run.metrics().keySet().stream().filter(key -> !RunReport.isSystemMetric(key)).forEach(metrics::add);
        }
        return new RunTable(title, runs, List.copyOf(params), List.copyOf(metrics), truncated, false);
    }

    /** The same table, with (or without) each metric's lowest and highest value beside its latest. */
    public RunTable withMinMax(boolean show) {
        return new RunTable(title, runs, paramKeys, metricKeys, truncated, show, columns);
    }

    /**
     * The same table with those columns first ({@code params.KEY}, {@code metrics.KEY}): in the text table the
     * asked params and metrics lead their groups, in the HTML table they follow the run's name.
     */
    public RunTable withColumnsFirst(List<String> first) {
        List<String> params = new ArrayList<>(paramKeys);
        List<String> metrics = new ArrayList<>(metricKeys);
        List<String> leadingParams = new ArrayList<>();
        List<String> leadingMetrics = new ArrayList<>();
        for (String column : first) {
            if (column.startsWith("params.") && params.remove(column.substring("params.".length()))) {
                leadingParams.add(column.substring("params.".length()));
            } else if (column.startsWith("metrics.") && metrics.remove(column.substring("metrics.".length()))) {
                leadingMetrics.add(column.substring("metrics.".length()));
            }
        }
        leadingParams.addAll(params);
        leadingMetrics.addAll(metrics);
        return new RunTable(title, runs, leadingParams, leadingMetrics, truncated, minMax, first);
    }

    /** The plain-text table, headed by the title. */
    public String text() {
        if (runs.isEmpty()) {
            return title + ": no runs.";
        }
        List<String> headers = new ArrayList<>(List.of("run", "id", "status", "start", "duration"));
        paramKeys.forEach(k -> headers.add("params." + k));
        metricKeys.forEach(k -> {
            headers.add("metrics." + k);
            if (minMax) {
                headers.add("metrics." + k + " min");
                headers.add("metrics." + k + " max");
            }
        });
        TextTable table = new TextTable(headers);
        for (RunDetails run : runs) {
            List<String> cells = new ArrayList<>(List.of(run.name(), Formats.shortId(run.id()), run.status().name(),
                    Formats.time(run.info().startTime()), Formats.duration(run.info().startTime(), run.info().endTime())));
            paramKeys.forEach(k -> cells.add(run.params().getOrDefault(k, "")));
            Map<String, MetricSummary> metrics = run.metrics();
            for (String k : metricKeys) {
                MetricSummary summary = metrics.get(k);
                cells.add(summary == null ? "" : Formats.number(summary.latest()));
                if (minMax) {
                    cells.add(summary == null ? "" : Formats.number(summary.min()));
                    cells.add(summary == null ? "" : Formats.number(summary.max()));
                }
            }
            table.row(cells);
        }
        String more = truncated ? "\n(more runs match; raise --limit or narrow --filter to see them)" : "";
        return title + " (" + runs.size() + (runs.size() == 1 ? " run" : " runs") + "):\n" + table.render() + more;
    }

    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.text(text());
    }
}
