package org.labbook.extension.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A sweep's objective over its trials: one point per completed trial (by trial number) and the best value
 * so far as a step line, so the chart shows both the spread and whether the search is still improving.
 */
public final class ObjectiveChart {
    private ObjectiveChart() {
    }

    /**
     * @param numbers the trials' numbers, ascending
     * @param values their objective values, same order
     */
    public static ChartView of(String metric, boolean minimize, int[] numbers, double[] values, ChartOptions options) {
        String title = metric + " over trials";
        double[] x = new double[numbers.length];
        double[] best = new double[numbers.length];
        double running = Double.NaN;
        for (int i = 0; i < numbers.length; i++) {
            x[i] = numbers[i];
            if (Double.isNaN(running) || (minimize ? values[i] < running : values[i] > running)) {
                running = values[i];
            }
            best[i] = running;
        }
        XYChart chart = new XYChartBuilder().width(options.width()).height(options.height()).title(title)
                .xAxisTitle("trial").yAxisTitle(metric).build();
        ChartStyle.apply(chart.getStyler(), 2);
        if (numbers.length > 0) {
            XYSeries trials = chart.addSeries("trials", x, values);
            trials.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            trials.setMarker(SeriesMarkers.CIRCLE);
            XYSeries bestLine = chart.addSeries("best so far", x, best);
            bestLine.setMarker(SeriesMarkers.NONE);
            bestLine.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < numbers.length; i++) {
            rows.add(VegaLite.map("trial", numbers[i], metric, VegaLite.number(values[i]),
                    "best", VegaLite.number(best[i])));
        }
        Map<String, Object> spec = VegaLite.spec(title, options.width() - 160, options.height() - 80, rows);
        spec.put("layer", List.of(
                VegaLite.map("mark", VegaLite.map("type", "point", "tooltip", true),
                        "encoding", VegaLite.map("x", VegaLite.map("field", "trial", "type", "quantitative"),
                                "y", VegaLite.map("field", metric, "type", "quantitative"))),
                VegaLite.map("mark", VegaLite.map("type", "line", "interpolate", "step-after"),
                        "encoding", VegaLite.map("x", VegaLite.map("field", "trial", "type", "quantitative"),
                                "y", VegaLite.map("field", "best", "type", "quantitative")))));
        String description = "Chart: " + title + " \u2014 " + numbers.length + (numbers.length == 1 ? " trial" : " trials")
                + (numbers.length == 0 ? "" : ", best " + Numbers.format(best[numbers.length - 1]));
        return new ChartView(title, chart, spec, description, options.formats());
    }
}
