package org.labbook.extension.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.labbook.tracking.MetricSummary;

/** One param against one metric's latest value, a point per run: the plot of a sweep. */
public final class ParamScatterChart {
    private ParamScatterChart() {
    }

    public static ChartView of(List<RunRow> runs, String param, String metric, ChartOptions options) {
        Objects.requireNonNull(runs, "runs");
        ParamAxis axis = ParamAxis.of(param, runs.stream().map(r -> r.params().get(param)).toList());
        List<double[]> points = new ArrayList<>();
        List<RunRow> shown = new ArrayList<>();
        for (RunRow run : runs) {
            double x = axis.coordinate(run.params().get(param));
            double y = run.metric(metric).map(MetricSummary::latest).orElse(Double.NaN);
            if (Double.isFinite(x) && Double.isFinite(y) && (!options.logY() || y > 0)) {
                points.add(new double[] {x, y});
                shown.add(run);
            }
        }
        String title = metric + " by " + param;
        XYChart chart = new XYChartBuilder().width(options.width()).height(options.height()).title(title)
                .xAxisTitle(param).yAxisTitle(metric).build();
        ChartStyle.apply(chart.getStyler(), 0);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisLogarithmic(options.logY() && !points.isEmpty());
        chart.getStyler().setMarkerSize(9);
        if (!axis.numeric()) {
            List<String> categories = axis.categories();
            chart.getStyler().setxAxisTickLabelsFormattingFunction(x -> {
                int i = (int) Math.round(x);
                return Math.abs(x - i) < 1e-6 && i >= 0 && i < categories.size() ? categories.get(i) : "";
            });
        }
        double[] xs = points.isEmpty() ? new double[] {0} : points.stream().mapToDouble(p -> p[0]).toArray();
        double[] ys = points.isEmpty() ? new double[] {1} : points.stream().mapToDouble(p -> p[1]).toArray();
        XYSeries series = chart.addSeries("runs", xs, ys);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        series.setMarker(points.isEmpty() ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);

        List<Map<String, Object>> values = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            RunRow run = shown.get(i);
            Object x = axis.numeric() ? (Object) points.get(i)[0] : run.params().get(param);
            values.add(VegaLite.map("run", run.label(), param, x, metric, points.get(i)[1]));
        }
        Map<String, Object> spec = VegaLite.spec(title, options.width() - 160, options.height() - 80, values);
        spec.put("mark", VegaLite.map("type", "point", "filled", true, "size", 80, "tooltip", true));
        Map<String, Object> y = VegaLite.field(metric, "quantitative", metric);
        y.put("scale", options.logY() ? VegaLite.map("type", "log") : VegaLite.map("zero", false));
        Map<String, Object> xEncoding = VegaLite.field(param, axis.numeric() ? "quantitative" : "nominal", param);
        if (axis.numeric()) {
            xEncoding.put("scale", VegaLite.map("zero", false));
        }
        spec.put("encoding", VegaLite.map("x", xEncoding, "y", y, "tooltip", VegaLite.list(
                VegaLite.field("run", "nominal", "run"), VegaLite.field(param, axis.numeric() ? "quantitative" : "nominal", param),
                VegaLite.field(metric, "quantitative", metric))));
        String description = "Chart: " + title + " \u2014 " + shown.size() + " of " + runs.size() + " runs have both";
        return new ChartView(title, chart, spec, description, options.formats());
    }
}
