package org.labbook.extension.view;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.labbook.tracking.MetricSummary;

/**
 * Params against a final metric across runs: one vertical axis per param and a last one for the metric,
 * one polyline per run coloured by its metric value. Shows at a glance which settings the good runs share.
 */
public final class ParallelCoordinatesChart {
    private ParallelCoordinatesChart() {
    }

    /**
     * @param params the param axes, in order (e.g. the params that differ between the runs)
     * @param metric the metric whose latest value is the last axis and the colour
     */
    public static ChartView of(List<RunRow> runs, List<String> params, String metric, ChartOptions options) {
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(metric, "metric");
        List<ParamAxis> axes = new ArrayList<>();
        for (String p : params) {
            axes.add(ParamAxis.of(p, runs.stream().map(r -> r.params().get(p)).toList()));
        }
        double[] finals = runs.stream()
                .mapToDouble(r -> r.metric(metric).map(MetricSummary::latest).orElse(Double.NaN)).toArray();
        ParamAxis metricAxis = ParamAxis.ofNumbers(metric, finals);
        String title = "params \u2192 " + metric;
        XYChart chart = xchart(title, runs, axes, metricAxis, finals, options);
        Map<String, Object> spec = vegaLite(title, runs, axes, metricAxis, finals, options);
        String description = "Chart: " + title + " \u2014 " + runs.size() + (runs.size() == 1 ? " run" : " runs")
                + " over " + axes.size() + (axes.size() == 1 ? " param" : " params");
        return new ChartView(title, chart, spec, description, options.formats());
    }

    private static XYChart xchart(String title, List<RunRow> runs, List<ParamAxis> axes, ParamAxis metricAxis,
                                  double[] finals, ChartOptions options) {
        XYChart chart = new XYChartBuilder().width(options.width()).height(options.height()).title(title).build();
        ChartStyle.apply(chart.getStyler(), 0);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisTicksVisible(false);
        chart.getStyler().setYAxisMin(-0.05);
        chart.getStyler().setYAxisMax(1.05);
        chart.getStyler().setXAxisMin(-0.1);
        chart.getStyler().setXAxisMax(axes.size() + 0.1);
        List<String> names = new ArrayList<>(axes.stream().map(ParamAxis::name).toList());
        names.add(metricAxis.name());
        // One tick per axis, labelled with the param's name: the chart's x axis is the list of axes.
        chart.getStyler().setXAxisTickMarkSpacingHint(Math.max(20, (options.width() - 120) / Math.max(1, names.size())));
        chart.getStyler().setxAxisTickLabelsFormattingFunction(x -> {
            int i = (int) Math.round(x);
            return Math.abs(x - i) < 1e-6 && i >= 0 && i < names.size() ? names.get(i) : "";
        });
        for (int a = 0; a < names.size(); a++) {
            XYSeries axis = chart.addSeries("axis " + a, new double[] {a, a}, new double[] {0, 1});
            axis.setLineColor(java.awt.Color.GRAY);
            axis.setMarker(SeriesMarkers.NONE);
            axis.setLineStyle(new BasicStroke(1f));
        }
        for (int r = 0; r < runs.size(); r++) {
            double[] x = new double[names.size()];
            double[] y = new double[names.size()];
            for (int a = 0; a < axes.size(); a++) {
                x[a] = a;
                y[a] = axes.get(a).position(runs.get(r).params().get(axes.get(a).name()));
            }
            x[axes.size()] = axes.size();
            y[axes.size()] = metricAxis.position(finals[r]);
            XYSeries line = chart.addSeries("run " + r, x, y);
            line.setMarker(SeriesMarkers.CIRCLE);
            line.setMarkerColor(ChartStyle.ramp(y[axes.size()]));
            line.setLineColor(ChartStyle.ramp(y[axes.size()]));
        }
        return chart;
    }

    private static Map<String, Object> vegaLite(String title, List<RunRow> runs, List<ParamAxis> axes,
                                                ParamAxis metricAxis, double[] finals, ChartOptions options) {
        List<Map<String, Object>> values = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            RunRow run = runs.get(r);
            for (int a = 0; a < axes.size(); a++) {
                ParamAxis axis = axes.get(a);
                String raw = run.params().get(axis.name());
                values.add(VegaLite.map("run", run.label(), "axis", axis.name(), "order", a,
                        "value", raw == null ? "" : raw, "position", VegaLite.number(axis.position(raw)),
                        metricAxis.name(), VegaLite.number(finals[r])));
            }
            values.add(VegaLite.map("run", run.label(), "axis", metricAxis.name(), "order", axes.size(),
                    "value", Numbers.format(finals[r]), "position", VegaLite.number(metricAxis.position(finals[r])),
                    metricAxis.name(), VegaLite.number(finals[r])));
        }
        Map<String, Object> spec = VegaLite.spec(title, options.width() - 160, options.height() - 80, values);
        spec.put("mark", VegaLite.map("type", "line", "point", true, "tooltip", true));
        Map<String, Object> x = VegaLite.field("axis", "nominal", null);
        x.remove("title");
        x.put("sort", VegaLite.map("field", "order"));
        x.put("axis", VegaLite.map("labelAngle", 0, "title", null));
        Map<String, Object> y = VegaLite.field("position", "quantitative", null);
        y.put("axis", null);
        Map<String, Object> color = VegaLite.field(metricAxis.name(), "quantitative", metricAxis.name());
        color.put("scale", VegaLite.map("scheme", "blueorange"));
        spec.put("encoding", VegaLite.map("x", x, "y", y, "color", color, "detail", VegaLite.field("run", "nominal", "run"),
                "tooltip", VegaLite.list(VegaLite.field("run", "nominal", "run"), VegaLite.field("axis", "nominal", "axis"),
                        VegaLite.field("value", "nominal", "value"))));
        return spec;
    }
}
