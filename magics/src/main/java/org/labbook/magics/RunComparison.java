package org.labbook.magics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labbook.kernel.api.MimeBundle;
import org.labbook.kernel.api.MimeBundleProvider;
import org.labbook.magics.grammar.TrackCommand.XAxis;
import org.labbook.magics.internal.Formats;
import org.labbook.magics.internal.TextTable;
import org.labbook.tracking.MetricPoint;
import org.labbook.tracking.RunDetails;

/**
 * What {@code %track compare} returns: the runs side by side and, for each compared metric, every run's
 * history (downsampled in the store, keeping spikes). A chart renderer draws {@link #histories()};
 * {@link #toMimeBundle()} gives a text summary.
 *
 * @param table     the runs with their params and metric summaries
 * @param metrics   the compared metrics, in order
 * @param x         what the curves' x axis is
 * @param histories metric key, then run id, to its points in logging order (empty when a run lacks the key)
 */
public record RunComparison(RunTable table, List<String> metrics, XAxis x,
                            Map<String, Map<String, List<MetricPoint>>> histories) implements MimeBundleProvider {
    public RunComparison {
        metrics = List.copyOf(metrics);
        Map<String, Map<String, List<MetricPoint>>> copy = new LinkedHashMap<>();
        histories.forEach((key, byRun) -> {
            Map<String, List<MetricPoint>> runs = new LinkedHashMap<>();
            byRun.forEach((run, points) -> runs.put(run, List.copyOf(points)));
            copy.put(key, java.util.Collections.unmodifiableMap(runs));
        });
        histories = java.util.Collections.unmodifiableMap(copy);
    }

    public List<RunDetails> runs() {
        return table.runs();
    }

    public String text() {
        StringBuilder out = new StringBuilder(table.text());
        for (String metric : metrics) {
            TextTable curves = new TextTable(List.of("run", "points", "first step", "last step", "last", "min", "max"));
            for (RunDetails run : table.runs()) {
                List<MetricPoint> points = histories.getOrDefault(metric, Map.of()).getOrDefault(run.id(), List.of());
                if (points.isEmpty()) {
                    curves.row(List.of(run.name(), "0", "", "", "", "", ""));
                    continue;
                }
                double min = Double.NaN;
                double max = Double.NaN;
                for (MetricPoint p : points) {
                    if (!Double.isNaN(p.value())) {
                        min = Double.isNaN(min) ? p.value() : Math.min(min, p.value());
                        max = Double.isNaN(max) ? p.value() : Math.max(max, p.value());
                    }
                }
                MetricPoint last = points.get(points.size() - 1);
                curves.row(new ArrayList<>(List.of(run.name(), Integer.toString(points.size()),
                        Long.toString(points.get(0).step()), Long.toString(last.step()), Formats.number(last.value()),
                        Formats.number(min), Formats.number(max))));
            }
            out.append("\n\n").append(metric).append(" by ").append(x.name().toLowerCase(java.util.Locale.ROOT))
                    .append(":\n").append(curves.render());
        }
        return out.toString();
    }

    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.text(text());
    }
}
