package org.labbook.extension.view;

import java.util.ArrayList;
import java.util.List;
import org.labbook.tracking.MetricSummary;

/** The plain-text fallback of a {@link RunsTable}: aligned columns, numbers right-aligned, cut like the HTML. */
final class RunsTableText {
    private static final int MAX_CELL_CHARS = 40;

    private RunsTableText() {
    }

    static String write(RunsTable model) {
        if (model.runs().isEmpty()) {
            return "No runs.";
        }
        List<String> headers = new ArrayList<>(List.of("run", "id", "status", "start", "duration", "user", "tags"));
        List<Boolean> rightAligned = new ArrayList<>(List.of(false, false, false, false, true, false, false));
        for (String key : model.shownParams()) {
            headers.add(model.differs(key) ? key + " *" : key);
            rightAligned.add(false);
        }
        for (String key : model.metricKeys()) {
            headers.add(key);
            rightAligned.add(true);
            if (model.options().minMax()) {
                headers.add(key + " min");
                headers.add(key + " max");
                rightAligned.add(true);
                rightAligned.add(true);
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < model.shownRows(); i++) {
            rows.add(cells(model, i));
        }
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, widths, rightAligned);
        for (int c = 0; c < widths.length; c++) {
            out.append(c == 0 ? "" : "  ").append("-".repeat(widths[c]));
        }
        out.append('\n');
        rows.forEach(row -> line(out, row, widths, rightAligned));
        if (model.shownRows() < model.runs().size()) {
            out.append("Showing the first ").append(Numbers.formatInteger(model.shownRows())).append(" of ")
                    .append(Numbers.formatInteger(model.runs().size())).append(" runs.\n");
        }
        if (!model.constantParams().isEmpty()) {
            out.append("Same in every run: ");
            List<String> pairs = new ArrayList<>();
            model.constantParams().forEach((k, v) -> pairs.add(k + "=" + cut(v)));
            out.append(String.join(", ", pairs)).append('\n');
        }
        if (model.runs().size() > 1 && !model.metricKeys().isEmpty()) {
            out.append("* best value of each metric; params marked * differ between runs\n");
        }
        return out.toString().stripTrailing();
    }

    private static List<String> cells(RunsTable model, int index) {
        RunRow run = model.runs().get(index);
        List<String> cells = new ArrayList<>(List.of(cut(run.name()), run.shortId(), run.status().name(),
                model.startText(run), Numbers.format(run.duration(model.options().now())), cut(run.user()),
                cut(RunsTable.tagsText(run))));
        for (String key : model.shownParams()) {
            cells.add(cut(run.params().getOrDefault(key, "-")));
        }
        for (String key : model.metricKeys()) {
            MetricSummary summary = run.metrics().get(key);
            String latest = summary == null ? "-" : Numbers.format(summary.latest());
            cells.add(model.bestRows(key).contains(index) ? "*" + latest : latest);
            if (model.options().minMax()) {
                cells.add(summary == null ? "-" : Numbers.format(summary.min()));
                cells.add(summary == null ? "-" : Numbers.format(summary.max()));
            }
        }
        return cells;
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths, List<Boolean> right) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            String text = cells.get(c);
            String pad = " ".repeat(widths[c] - text.length());
            line.append(c == 0 ? "" : "  ").append(right.get(c) ? pad + text : text + pad);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static String cut(String text) {
        String oneLine = text.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() > MAX_CELL_CHARS ? oneLine.substring(0, MAX_CELL_CHARS - 1) + "\u2026" : oneLine;
    }
}
