package org.labbook.extension.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labbook.kernel.api.MimeBundle;
import org.labbook.kernel.api.MimeBundleProvider;
import org.labbook.magics.RunComparison;
import org.labbook.magics.grammar.TrackCommand;

/**
 * Runs side by side: the comparison table (differing params highlighted, constant ones folded, best values
 * marked), one chart of overlaid curves per metric, and for sweeps a parallel-coordinates view of the
 * differing params and, when a single param varies, a scatter of it against the first metric.
 *
 * <p>It shows itself as one HTML block with the charts as inline PNG images, which every front end draws
 * the same way; {@link #charts()} are the same charts to {@code display(...)} one by one, where JupyterLab
 * picks their interactive Vega-Lite view.
 */
public final class ComparisonView implements MimeBundleProvider {
    private final String title;
    private final RunsTable table;
    private final List<ChartView> charts;

    private ComparisonView(String title, RunsTable table, List<ChartView> charts) {
        this.title = title;
        this.table = table;
        this.charts = List.copyOf(charts);
    }

    /**
     * @param histories per metric (in the order to draw), the curves of the runs
     */
    public static ComparisonView of(String title, List<RunRow> runs, Map<String, List<Series>> histories,
                                    TableOptions tableOptions, ChartOptions chartOptions) {
        List<String> metrics = new ArrayList<>(histories.keySet());
        TableOptions options = tableOptions.asComparison(true);
        if (options.metrics().isEmpty() && !metrics.isEmpty()) {
            options = options.withMetrics(metrics);
        }
        RunsTable table = RunsTable.of(runs, options);
        List<ChartView> charts = new ArrayList<>();
        histories.forEach((metric, series) -> charts.add(CurveChart.of(series, chartOptions)));
        List<String> differing = table.shownParams();
        if (runs.size() >= 2 && !differing.isEmpty() && !table.metricKeys().isEmpty()) {
            String metric = table.metricKeys().get(0);
            charts.add(ParallelCoordinatesChart.of(runs, differing, metric, chartOptions));
            if (differing.size() == 1 && runs.size() >= 3) {
                charts.add(ParamScatterChart.of(runs, differing.get(0), metric, chartOptions));
            }
        }
        return new ComparisonView(title, table, charts);
    }

    /**
     * The view of what {@code %track compare} (or {@code Track.compare(...)}) returned, e.g. to show its
     * charts one by one: {@code for (var chart : ComparisonView.of(Track.compare()).charts()) display(chart);}
     */
    public static ComparisonView of(RunComparison comparison) {
        return of(comparison, ChartOptions.defaults());
    }

    /** As {@link #of(RunComparison)}, drawing the charts with those options (the x axis comes from the comparison). */
    public static ComparisonView of(RunComparison comparison, ChartOptions chartOptions) {
        XAxis x = comparison.x() == TrackCommand.XAxis.TIME ? XAxis.WALL_TIME : XAxis.STEP;
        int runs = comparison.runs().size();
        return of("Comparison of " + runs + (runs == 1 ? " run" : " runs"), StoreViews.rows(comparison.runs()),
                StoreViews.series(comparison.runs(), comparison.metrics(), comparison.histories()),
                TableOptions.defaults().withMetrics(comparison.metrics()).withColumnsFirst(comparison.table().columns()),
                chartOptions.withXAxis(x));
    }

    public String title() {
        return title;
    }

    public RunsTable table() {
        return table;
    }

    /** The charts in the order shown: curves per metric, then the sweep views. */
    public List<ChartView> charts() {
        return charts;
    }

    /** The title and the table without the charts: the first output when each chart is its own. */
    public HtmlView tableView() {
        String html = "<div class=\"lb-comparison\"><div style=\"font-weight:bold;margin:4px 0;\">"
                + Html.escape(title) + "</div>" + table.html() + "</div>";
        return new HtmlView(html, title + "\n" + table.plainText());
    }

    public String html() {
        StringBuilder html = new StringBuilder(table.html().length() + charts.size() * 60_000);
        html.append("<div class=\"lb-comparison\">");
        html.append("<div style=\"font-weight:bold;margin:4px 0;\">").append(Html.escape(title)).append("</div>");
        html.append(table.html());
        html.append("<div class=\"lb-charts\" style=\"display:flex;flex-wrap:wrap;gap:8px;margin-top:8px;\">");
        for (ChartView chart : charts) {
            html.append(chart.htmlImage());
        }
        html.append("</div></div>");
        return html.toString();
    }

    public String plainText() {
        StringBuilder text = new StringBuilder(title).append('\n').append(table.plainText());
        charts.forEach(c -> text.append('\n').append(c.description()));
        return text.toString();
    }

    @Override
    public MimeBundle toMimeBundle() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("text/html", html());
        data.put("text/plain", plainText());
        return MimeBundle.of(data);
    }

    @Override
    public String toString() {
        return plainText();
    }
}
