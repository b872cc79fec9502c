package org.labbook.extension.view;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Curves of a metric for several runs, overlaid: the chart a comparison and a live view draw. */
public final class CurveChart {
    /** The Vega-Lite selection of runs hidden by a click on their legend entry. */
    static final String HIDDEN_RUNS = "hidden_runs";

    private CurveChart() {
    }

    /**
     * Draws every series as one curve. Series of one metric are named by run in the legend; when several
     * metrics are drawn together, by run and metric.
     */
    public static ChartView of(List<Series> series, ChartOptions options) {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(options, "options");
        Set<String> metrics = new LinkedHashSet<>();
        series.forEach(s -> metrics.add(s.metricKey()));
        boolean severalMetrics = metrics.size() > 1;
        String title = metrics.isEmpty() ? "no metric" : String.join(", ", metrics) + titleSuffix(options);

        List<Series> drawn = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        int empty = 0;
        for (Series s : series) {
            Series prepared = prepare(s, options);
            if (prepared.size() == 0) {
                empty++;
                continue;
            }
            String label = severalMetrics ? s.runLabel() + " \u00b7 " + s.metricKey() : s.runLabel();
            drawn.add(prepared.withLabel(unique(label, labels)));
        }
        XYChart chart = xchart(title, drawn, options);
        Map<String, Object> spec = vegaLite(title, drawn, options);
        String description = describe(title, series.size(), drawn, empty);
        return new ChartView(title, chart, spec, description, options.formats());
    }

    private static String titleSuffix(ChartOptions options) {
        List<String> notes = new ArrayList<>();
        if (options.bestSoFar()) {
            notes.add("best so far");
        }
        if (options.smoothing() > 0) {
            notes.add("EMA " + options.smoothing());
        }
        if (options.logY()) {
            notes.add("log scale");
        }
        return notes.isEmpty() ? "" : " (" + String.join(", ", notes) + ")";
    }

    private static Series prepare(Series s, ChartOptions options) {
        double[] values = s.values();
        if (options.bestSoFar()) {
            values = Transforms.bestSoFar(values, options.direction(s.metricKey()));
        }
        values = Transforms.ema(values, options.smoothing());
        Series transformed = new Series(s.runLabel(), s.metricKey(), s.steps(), s.timestamps(), values);
        return Transforms.drawable(Transforms.capPoints(transformed, options.maxPointsPerSeries()), options.logY());
    }

    private static String unique(String label, Set<String> taken) {
        String candidate = label;
        for (int i = 2; !taken.add(candidate); i++) {
            candidate = label + " (" + i + ")";
        }
        return candidate;
    }

    private static XYChart xchart(String title, List<Series> drawn, ChartOptions options) {
        XYChart chart = new XYChartBuilder().width(options.width()).height(options.height()).title(title)
                .xAxisTitle(options.xAxis().title()).yAxisTitle(drawn.isEmpty() ? "" : drawn.get(0).metricKey())
                .build();
        ChartStyle.apply(chart.getStyler(), drawn.size());
        chart.getStyler().setYAxisLogarithmic(options.logY() && !drawn.isEmpty());
        chart.getStyler().setDatePattern("HH:mm:ss");
        if (drawn.isEmpty()) {
            // XChart needs one series to lay out axes; an invisible point keeps the frame and title.
            XYSeries placeholder = chart.addSeries(" ", new double[] {0}, new double[] {1});
            placeholder.setMarker(SeriesMarkers.NONE);
            placeholder.setShowInLegend(false);
            chart.getStyler().setLegendVisible(false);
            return chart;
        }
        int perCurve = options.imagePointsPerCurve(drawn.size());
        for (Series full : drawn) {
            // Painting cost grows with the segments drawn; a shared budget keeps 100 overlaid runs fast while
            // each curve keeps its buckets' extremes, so no spike disappears from the image.
            Series s = Transforms.capPoints(full, perCurve);
            XYSeries xy;
            if (options.xAxis() == XAxis.WALL_TIME) {
                List<Date> x = new ArrayList<>(s.size());
                List<Double> y = new ArrayList<>(s.size());
                for (int i = 0; i < s.size(); i++) {
                    x.add(new Date(s.timestamps()[i]));
                    y.add(s.values()[i]);
                }
                xy = chart.addSeries(s.runLabel(), x, y);
            } else {
                xy = chart.addSeries(s.runLabel(), xValues(s, options.xAxis()), s.values());
            }
            xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            xy.setMarker(s.size() == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        return chart;
    }

    static double[] xValues(Series s, XAxis axis) {
        double[] x = new double[s.size()];
        long origin = s.size() == 0 ? 0 : s.timestamps()[0];
        for (int i = 0; i < x.length; i++) {
            x[i] = switch (axis) {
                case STEP -> s.steps()[i];
                case RELATIVE_TIME -> (s.timestamps()[i] - origin) / 1000.0;
                case WALL_TIME -> s.timestamps()[i];
            };
        }
        return x;
    }

    private static Map<String, Object> vegaLite(String title, List<Series> drawn, ChartOptions options) {
        int budget = Math.max(4, options.maxInteractivePoints() / Math.max(1, drawn.size()));
        String xField = switch (options.xAxis()) {
            case STEP -> "step";
            case RELATIVE_TIME -> "seconds";
            case WALL_TIME -> "time";
        };
        List<Map<String, Object>> values = new ArrayList<>();
        for (Series full : drawn) {
            Series s = Transforms.capPoints(full, budget);
            double[] x = xValues(s, options.xAxis());
            for (int i = 0; i < s.size(); i++) {
                Map<String, Object> point = VegaLite.map("run", s.runLabel(), "metric", s.metricKey(),
                        "step", s.steps()[i], "value", VegaLite.number(s.values()[i]));
                if (options.xAxis() != XAxis.STEP) {
                    point.put(xField, options.xAxis() == XAxis.WALL_TIME ? (Object) s.timestamps()[i] : x[i]);
                }
                values.add(point);
            }
        }
        Map<String, Object> spec = VegaLite.spec(title, options.width() - 160, options.height() - 80, values);
        spec.put("mark", VegaLite.map("type", "line", "clip", true,
                "point", VegaLite.map("filled", true, "size", 14), "tooltip", true));
        Map<String, Object> y = VegaLite.field("value", "quantitative", drawn.isEmpty() ? "value"
                : drawn.get(0).metricKey());
        y.put("scale", options.logY() ? VegaLite.map("type", "log") : VegaLite.map("zero", false));
        Map<String, Object> color = VegaLite.field("run", "nominal", "run");
        color.put("legend", VegaLite.map("symbolLimit", 40));
        List<Object> tooltip = VegaLite.list(VegaLite.field("run", "nominal", "run"),
                VegaLite.field("step", "quantitative", "step"),
                VegaLite.map("field", "value", "type", "quantitative", "title", "value", "format", ".6~g"));
        if (options.xAxis() == XAxis.WALL_TIME) {
            tooltip.add(VegaLite.map("field", "time", "type", "temporal", "title", "time", "format", "%H:%M:%S"));
        }
        // Clicking a legend entry toggles that run off (faded to a trace) and on again, as in W&B's charts.
        spec.put("params", VegaLite.list(VegaLite.map("name", HIDDEN_RUNS,
                "select", VegaLite.map("type", "point", "fields", VegaLite.list("run"), "toggle", "true"),
                "bind", "legend")));
        spec.put("encoding", VegaLite.map(
                "x", VegaLite.field(xField, options.xAxis() == XAxis.WALL_TIME ? "temporal" : "quantitative",
                        options.xAxis().title()),
                "y", y,
                "color", color,
                "opacity", VegaLite.map("condition", VegaLite.map("param", HIDDEN_RUNS, "empty", false,
                        "value", 0.06), "value", 1),
                "tooltip", tooltip));
        return spec;
    }

    private static String describe(String title, int requested, List<Series> drawn, int empty) {
        long points = drawn.stream().mapToLong(Series::size).sum();
        StringBuilder text = new StringBuilder("Chart: ").append(title).append(" \u2014 ")
                .append(drawn.size()).append(drawn.size() == 1 ? " curve, " : " curves, ")
                .append(Numbers.formatInteger(points)).append(" points");
        if (empty > 0) {
            text.append("; ").append(empty).append(" of ").append(requested).append(" without drawable points");
        }
        return text.toString();
    }
}
