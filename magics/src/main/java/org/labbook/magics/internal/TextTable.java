package org.labbook.magics.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with aligned columns: numbers right-aligned, text left-aligned, long cells cut
 * with "...". It is the text/plain fallback every front end can show.
 */
public final class TextTable {
    private static final int MAX_CELL = 40;

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(List<String> headers) {
        this.headers = List.copyOf(headers);
    }

    public TextTable row(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("a row has " + cells.size() + " cells for " + headers.size() + " columns");
        }
        rows.add(cells.stream().map(TextTable::cut).toList());
        return this;
    }

    public int size() {
        return rows.size();
    }

    public String render() {
        int[] width = new int[headers.size()];
        boolean[] numeric = new boolean[headers.size()];
        for (int c = 0; c < headers.size(); c++) {
            width[c] = headers.get(c).length();
            numeric[c] = !rows.isEmpty();
            for (List<String> row : rows) {
                width[c] = Math.max(width[c], row.get(c).length());
                numeric[c] &= row.get(c).isEmpty() || isNumber(row.get(c));
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, width, numeric);
        for (int c = 0; c < width.length; c++) {
            out.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
        }
        out.append('\n');
        for (List<String> row : rows) {
            line(out, row, width, numeric);
        }
        return out.toString().stripTrailing();
    }

    private static void line(StringBuilder out, List<String> cells, int[] width, boolean[] numeric) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String padding = " ".repeat(width[c] - cell.length());
            line.append(c == 0 ? "" : "  ").append(numeric[c] ? padding + cell : cell + padding);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static String cut(String cell) {
        String oneLine = cell == null ? "" : cell.replace("\n", " ").replace("\r", " ").replace("\t", " ");
        return oneLine.length() <= MAX_CELL ? oneLine : oneLine.substring(0, MAX_CELL - 3) + "...";
    }

    private static boolean isNumber(String text) {
        return text.matches("[+-]?(\\d[\\d.]*([eE][+-]?\\d+)?|nan|NaN|inf|-inf|Infinity|-Infinity)");
    }
}
