package org.labbook.extension.view;

import java.util.List;
import java.util.Map;
import org.labbook.tracking.MetricSummary;
import org.labbook.tracking.RunStatus;

/**
 * Writes a {@link RunsTable} as HTML. Styles are inline attributes rather than a style sheet because
 * front ends sanitise untrusted output differently: a {@code <style>} element is dropped by some, a style
 * attribute survives in all of them. Every value from the store goes through {@link Html#escape}.
 */
final class RunsTableHtml {
    /** Longer param and tag values are cut in the cell; the full text stays in the tooltip. */
    static final int MAX_CELL_CHARS = 60;

    // text-align is explicit because classic Notebook right-aligns every table cell by default.
    private static final String CELL = "padding:2px 8px;border-bottom:1px solid #ddd;white-space:nowrap;text-align:left;";
    private static final String HEAD = CELL + "position:sticky;top:0;background:#f5f5f5;text-align:left;"
            + "border-bottom:2px solid #999;";
    private static final String DIFF_HEAD = HEAD + "background:#ffe8a3;";
    private static final String DIFF_CELL = "background:#fff6d6;";
    private static final String NUMBER = "text-align:right;font-variant-numeric:tabular-nums;";
    private static final String BEST = "font-weight:bold;color:#0b6e0b;";

    private final RunsTable model;
    private final StringBuilder out = new StringBuilder(16_384);

    private static final String PARAMS = "params.";
    private static final String METRICS = "metrics.";
    /** The asked-for columns the table has, in the order asked ({@code params.KEY}, {@code metrics.KEY}). */
    private final List<String> firstColumns;
    /** Asked-for param columns shown first. */
    private final List<String> firstParams;
    /** Asked-for metric columns shown first. */
    private final List<String> firstMetrics;

    RunsTableHtml(RunsTable model) {
        this.model = model;
        this.firstParams = first(model.options().columns(), PARAMS, model.allParams());
        this.firstMetrics = first(model.options().columns(), METRICS, model.metricKeys());
        this.firstColumns = model.options().columns().stream().distinct()
                .filter(c -> c.startsWith(PARAMS) && firstParams.contains(c.substring(PARAMS.length()))
                        || c.startsWith(METRICS) && firstMetrics.contains(c.substring(METRICS.length())))
                .toList();
    }

    private static List<String> first(List<String> columns, String prefix, List<String> available) {
        return columns.stream().filter(c -> c.startsWith(prefix)).map(c -> c.substring(prefix.length()))
                .filter(available::contains).distinct().toList();
    }

    String write() {
        List<RunRow> runs = model.runs();
        out.append("<div class=\"lb-runs\" style=\"max-height:36em;overflow:auto;max-width:100%;"
                + "font-family:sans-serif;font-size:12px;\">");
        if (runs.isEmpty()) {
            out.append("<p class=\"lb-empty\">No runs.</p></div>");
            return out.toString();
        }
        out.append("<table class=\"lb-table\" style=\"border-collapse:separate;border-spacing:0;\"><thead><tr>");
        header("run", HEAD, null);
        // Columns the user asked for come right after the run's name, so a wide table shows them unscrolled.
        for (String column : firstColumns) {
            if (column.startsWith(PARAMS)) {
                paramHeader(column.substring(PARAMS.length()));
            } else {
                metricHeaders(column.substring(METRICS.length()));
            }
        }
        header("status", HEAD, null);
        header("start", HEAD, null);
        header("duration", HEAD + "text-align:right;", null);
        header("user", HEAD, null);
        header("tags", HEAD, null);
        for (String key : model.shownParams()) {
            if (!firstParams.contains(key)) {
                paramHeader(key);
            }
        }
        for (String key : model.metricKeys()) {
            if (!firstMetrics.contains(key)) {
                metricHeaders(key);
            }
        }
        out.append("</tr></thead><tbody>");
        for (int i = 0; i < model.shownRows(); i++) {
            row(i, runs.get(i));
        }
        out.append("</tbody></table>");
        if (model.shownRows() < runs.size()) {
            out.append("<p class=\"lb-note\" style=\"color:#555;\">Showing the first ")
                    .append(Numbers.formatInteger(model.shownRows())).append(" of ")
                    .append(Numbers.formatInteger(runs.size()))
                    .append(" runs. Narrow the selection with a filter, or raise the row limit.</p>");
        }
        constants();
        out.append("</div>");
        return out.toString();
    }

    private void paramHeader(String key) {
        boolean differs = model.differs(key);
        header(key, differs ? DIFF_HEAD : HEAD, differs ? "lb-param lb-diff" : "lb-param");
    }

    private void metricHeaders(String key) {
        MetricDirection direction = model.options().direction(key);
        String arrow = direction == MetricDirection.MINIMIZE ? " \u2193" : " \u2191";
        header(key + arrow, HEAD + "text-align:right;", "lb-metric");
        if (model.options().minMax()) {
            header(key + " min", HEAD + "text-align:right;", "lb-metric");
            header(key + " max", HEAD + "text-align:right;", "lb-metric");
        }
    }

    private void header(String text, String style, String cssClass) {
        out.append("<th");
        if (cssClass != null) {
            out.append(" class=\"").append(cssClass).append('"');
        }
        out.append(" style=\"").append(style).append("\">").append(Html.escape(text)).append("</th>");
    }

    private void row(int index, RunRow run) {
        out.append("<tr class=\"lb-run\" data-run=\"").append(Html.escape(run.id())).append("\">");
        out.append("<td style=\"").append(CELL).append("\">").append(Html.escape(run.name()))
                .append(" <code style=\"color:#777;\" title=\"").append(Html.escape(run.id())).append("\">")
                .append(Html.escape(run.shortId())).append("</code></td>");
        for (String column : firstColumns) {
            if (column.startsWith(PARAMS)) {
                paramCell(run, column.substring(PARAMS.length()));
            } else {
                metricCells(index, run, column.substring(METRICS.length()));
            }
        }
        out.append("<td style=\"").append(CELL).append("\">").append(statusBadge(run.status())).append("</td>");
        cell(model.startText(run), CELL, null);
        cell(Numbers.format(run.duration(model.options().now())), CELL + NUMBER, null);
        cell(run.user(), CELL, null);
        cell(RunsTable.tagsText(run), CELL, null);
        for (String key : model.shownParams()) {
            if (!firstParams.contains(key)) {
                paramCell(run, key);
            }
        }
        for (String key : model.metricKeys()) {
            if (!firstMetrics.contains(key)) {
                metricCells(index, run, key);
            }
        }
        out.append("</tr>");
    }

    private void paramCell(RunRow run, String key) {
        String value = run.params().get(key);
        String style = CELL + (Numbers.isNumeric(value) ? NUMBER : "") + (model.differs(key) ? DIFF_CELL : "");
        cell(value == null ? "\u2014" : value, style, model.differs(key) ? "lb-diff" : null);
    }

    private void metricCells(int index, RunRow run, String key) {
        MetricSummary summary = run.metrics().get(key);
        boolean best = model.bestRows(key).contains(index);
        metricCell(summary == null ? null : summary.latest(), best);
        if (model.options().minMax()) {
            metricCell(summary == null ? null : summary.min(), false);
            metricCell(summary == null ? null : summary.max(), false);
        }
    }

    private void metricCell(Double value, boolean best) {
        String text = value == null ? "\u2014" : Numbers.format(value);
        if (best) {
            out.append("<td class=\"lb-best\" title=\"best\" style=\"").append(CELL).append(NUMBER).append(BEST)
                    .append("\">\u2605 ").append(Html.escape(text)).append("</td>");
        } else {
            cell(text, CELL + NUMBER, null);
        }
    }

    private void cell(String text, String style, String cssClass) {
        out.append("<td");
        if (cssClass != null) {
            out.append(" class=\"").append(cssClass).append('"');
        }
        out.append(" style=\"").append(style).append('"');
        if (text.length() > MAX_CELL_CHARS) {
            out.append(" title=\"").append(Html.escape(text)).append("\">")
                    .append(Html.escape(text.substring(0, MAX_CELL_CHARS - 1))).append('\u2026');
        } else {
            out.append('>').append(Html.escape(text));
        }
        out.append("</td>");
    }

    private void constants() {
        Map<String, String> constants = model.constantParams();
        if (constants.isEmpty()) {
            return;
        }
        out.append("<details class=\"lb-constants\" style=\"margin-top:4px;\"><summary>")
                .append(constants.size()).append(constants.size() == 1 ? " param" : " params")
                .append(" with the same value in every run</summary><table style=\"border-collapse:collapse;\">");
        constants.forEach((key, value) -> {
            out.append("<tr>");
            cell(key, CELL, null);
            cell(value, CELL + (Numbers.isNumeric(value) ? NUMBER : ""), null);
            out.append("</tr>");
        });
        out.append("</table></details>");
    }

    /** CRASHED stands out most: it is the state nobody chose, the one a user must notice. */
    static String statusBadge(RunStatus status) {
        String style = switch (status) {
            case RUNNING -> "background:#dbeafe;color:#1e40af;";
            case FINISHED -> "background:#dcfce7;color:#166534;";
            case FAILED -> "background:#fee2e2;color:#991b1b;";
            case KILLED -> "background:#e5e7eb;color:#374151;";
            case CRASHED -> "background:#b91c1c;color:#ffffff;font-weight:bold;";
        };
        String text = status == RunStatus.CRASHED ? "\u26a0 CRASHED" : status.name();
        return "<span class=\"lb-status lb-status-" + status.name().toLowerCase(java.util.Locale.ROOT)
                + "\" style=\"" + style + "padding:1px 6px;border-radius:8px;\">" + text + "</span>";
    }
}
