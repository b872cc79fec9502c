package org.labbook.extension;

import java.util.Map;
import org.labbook.extension.snapshot.CellRecord;
import org.labbook.extension.snapshot.SessionSnapshot;
import org.labbook.kernel.api.MimeBundle;
import org.labbook.kernel.api.MimeBundleProvider;

/** A run's session shown inline: each cell with its count, duration, outcome and first line. */
public record SessionView(String runName, String runId, SessionSnapshot session) implements MimeBundleProvider {

    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.of(Map.of("text/plain", text(), "text/html", html()));
    }

    String text() {
        StringBuilder out = new StringBuilder("Session of run '" + runName + "' (" + shortId() + "): "
                + session.cells().size() + " cells\n");
        for (CellRecord cell : session.cells()) {
            out.append(String.format("In [%s] %8s  %-12s %s%n", count(cell), millis(cell), cell.outcome().summary(),
                    firstLine(cell)));
        }
        return out.toString();
    }

    String html() {
        StringBuilder out = new StringBuilder("<div><b>Session of run '").append(escape(runName)).append("' (")
                .append(shortId()).append(")</b>: ").append(session.cells().size()).append(" cells<table>")
                .append("<tr><th>In</th><th>ms</th><th>outcome</th><th>cell</th></tr>");
        for (CellRecord cell : session.cells()) {
            out.append("<tr><td>").append(count(cell)).append("</td><td>").append(millis(cell)).append("</td><td>")
                    .append(escape(cell.outcome().summary())).append("</td><td><code>").append(escape(firstLine(cell)))
                    .append("</code></td></tr>");
        }
        return out.append("</table></div>").toString();
    }

    @Override
    public String toString() {
        return text();
    }

    private String shortId() {
        return runId.length() > 8 ? runId.substring(0, 8) : runId;
    }

    private static String count(CellRecord cell) {
        return cell.silent() ? " " : String.valueOf(cell.executionCount());
    }

    private static String millis(CellRecord cell) {
        return String.valueOf(cell.duration().toMillis());
    }

    private static String firstLine(CellRecord cell) {
        String line = cell.source().lines().findFirst().orElse("");
        return line.length() > 80 ? line.substring(0, 77) + "..." : line;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
