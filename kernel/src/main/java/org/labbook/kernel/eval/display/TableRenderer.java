package org.labbook.kernel.eval.display;

import java.util.LinkedHashMap;
import java.util.Map;
import org.labbook.kernel.api.MimeBundle;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Tablesaw tables as an HTML table (every value escaped) and as text, both capped in rows. */
final class TableRenderer {
    static final int MAX_ROWS = 50;

    private TableRenderer() {
    }

    static MimeBundle render(Table table) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("text/html", html(table));
        data.put("text/plain", table.print(MAX_ROWS));
        return MimeBundle.of(data);
    }

    static String html(Table table) {
        StringBuilder html = new StringBuilder("<table class=\"labbook-table\">");
        if (table.name() != null && !table.name().isBlank()) {
            html.append("<caption>").append(escape(table.name())).append("</caption>");
        }
        html.append("<thead><tr>");
        for (Column<?> column : table.columns()) {
            html.append("<th>").append(escape(column.name())).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        int shown = Math.min(table.rowCount(), MAX_ROWS);
        for (int row = 0; row < shown; row++) {
            html.append("<tr>");
            for (Column<?> column : table.columns()) {
                html.append("<td>").append(escape(column.getString(row))).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</tbody></table>");
        if (table.rowCount() > shown) {
            html.append("<p>").append(shown).append(" of ").append(table.rowCount()).append(" rows shown</p>");
        }
        return html.toString();
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
