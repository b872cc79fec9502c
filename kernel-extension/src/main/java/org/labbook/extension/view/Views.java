package org.labbook.extension.view;

import java.util.List;
import org.labbook.magics.BestRun;
import org.labbook.magics.RunComparison;
import org.labbook.magics.RunReport;
import org.labbook.magics.RunTable;
import org.labbook.magics.grammar.TrackCommand;

/**
 * The results of {@code %track runs | compare | best | show} (and of {@code Track.runs()}, {@code Track.compare()},
 * {@code Track.best()}, {@code Track.show()}) as tables and charts. The kernel extension registers these as
 * the renderers of those types; a cell can also call them, e.g. {@code Views.compare(Track.compare())}.
 */
public final class Views {
    private static final TableOptions TABLE = TableOptions.defaults();

    private Views() {
    }

    public static HtmlView runs(RunTable result) {
        RunsTable table = RunsTable.of(StoreViews.rows(result.runs()),
                TABLE.at(java.time.Instant.now()).withMetrics(result.metricKeys()).withMinMax(result.minMax())
                        .withColumnsFirst(result.columns()));
        String note = result.truncated()
                ? "<p class=\"lb-note\" style=\"color:#555;\">More runs match; raise --limit or narrow --filter to see them.</p>"
                : "";
        return bundle(heading(result.title() + " (" + count(result.runs().size()) + ")") + table.html() + note,
                result.text());
    }

    public static HtmlView compare(RunComparison result) {
        return bundle(ComparisonView.of(result).html(), result.text());
    }

    public static HtmlView best(BestRun result) {
        MetricDirection direction = result.goal() == TrackCommand.Goal.MIN ? MetricDirection.MINIMIZE : MetricDirection.MAXIMIZE;
        RunsTable ranking = RunsTable.of(StoreViews.rows(result.ranking().runs()), TABLE
                .at(java.time.Instant.now()).asComparison(true).withDirection(result.metric(), direction)
                .withMetrics(List.of(result.metric())));
        String headline = "Best run by " + (direction == MetricDirection.MINIMIZE ? "lowest " : "highest ")
                + result.metric() + ": ";
        String html = "<div class=\"lb-best-run\" style=\"margin:4px 0;\">" + Html.escape(headline) + "<b>"
                + Html.escape(result.best().name()) + "</b> <code>" + Html.escape(StoreViews.row(result.best()).shortId())
                + "</code> with " + Html.escape(result.metric()) + " = <b>" + Html.escape(Numbers.format(result.value()))
                + "</b></div>" + ranking.html();
        return bundle(html, result.text());
    }

    public static HtmlView show(RunReport result) {
        RunRow row = StoreViews.row(result.run());
        RunsTable summary = RunsTable.of(List.of(row), TABLE.at(java.time.Instant.now()).withMinMax(true));
        StringBuilder html = new StringBuilder(heading("Run " + row.label() + " (" + row.id() + ")"));
        html.append("<div style=\"color:#555;margin-bottom:4px;\">experiment ")
                .append(Html.escape(result.run().info().experimentName())).append("</div>");
        html.append(summary.html());
        html.append(systemMetrics(result));
        if (!result.notes().isEmpty()) {
            html.append("<ul class=\"lb-notes\">");
            result.notes().forEach(n -> html.append("<li>").append(Html.escape(n.text())).append("</li>"));
            html.append("</ul>");
        }
        return bundle(html.toString(), result.text());
    }

    /** What the system metrics sampler saw over the run: lowest, highest and last of each. */
    private static String systemMetrics(RunReport result) {
        var system = new java.util.TreeMap<String, org.labbook.tracking.MetricSummary>();
        result.run().metrics().forEach((key, summary) -> {
            if (RunReport.isSystemMetric(key)) {
                system.put(key, summary);
            }
        });
        if (system.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<details class=\"lb-system\"><summary>system metrics</summary><table>"
                + "<tr><th>metric</th><th>min</th><th>max</th><th>last</th><th>samples</th></tr>");
        system.forEach((key, m) -> html.append("<tr><td>").append(Html.escape(key.substring(RunReport.SYSTEM_PREFIX.length())))
                .append("</td><td>").append(org.labbook.magics.internal.Formats.number(m.min()))
                .append("</td><td>").append(org.labbook.magics.internal.Formats.number(m.max()))
                .append("</td><td>").append(org.labbook.magics.internal.Formats.number(m.latest()))
                .append("</td><td>").append(m.count()).append("</td></tr>"));
        return html.append("</table></details>").toString();
    }

    private static String heading(String text) {
        return "<div style=\"font-weight:bold;margin:4px 0;\">" + Html.escape(text) + "</div>";
    }

    private static String count(int runs) {
        return runs + (runs == 1 ? " run" : " runs");
    }

    private static HtmlView bundle(String html, String text) {
        return new HtmlView(html, text);
    }
}
