package org.labbook.extension.report;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.labbook.extension.RunArtifacts;
import org.labbook.extension.snapshot.CellRecord;
import org.labbook.extension.snapshot.Outcome;
import org.labbook.extension.snapshot.OutputBundle;
import org.labbook.extension.snapshot.SessionSnapshot;
import org.labbook.extension.view.ChartFormat;
import org.labbook.extension.view.Html;
import org.labbook.extension.view.ChartOptions;
import org.labbook.extension.view.ChartView;
import org.labbook.extension.view.CurveChart;
import org.labbook.extension.view.RunsTable;
import org.labbook.extension.view.Series;
import org.labbook.extension.view.StoreViews;
import org.labbook.extension.view.TableOptions;
import org.labbook.magics.RunReport;
import org.labbook.tracking.MetricPoint;
import org.labbook.tracking.Note;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.RunQuery;
import org.labbook.tracking.Tracker;

/**
 * An experiment's runs as one HTML file that needs nothing else to open: the runs table (click a header to
 * sort), one chart per metric with every run's curve, then per run its params, tags, notes, context (the
 * {@code labbook.*} tags the kernel records: git, host, Java) and its session notebook, cell by cell. It has no
 * links and loads nothing: everything from the store is escaped text, an inline image or inline JSON.
 *
 * <p>The charts are as explorable as the notebook's (see {@link InteractiveCharts}): Vega, Vega-Lite and
 * vega-embed are inlined once at the end of the page and draw each chart's Vega-Lite spec (hover a point for run,
 * step and value; click a legend entry to hide that run), in place of its PNG, which stays for readers without
 * scripts, for print and for mail clients. A page with charts is therefore about 850 KB larger than its content:
 * about 820 KB of libraries and 30 KB of their licence notices (a page without charts has neither), plus each
 * chart's points as JSON (at most {@code ChartOptions.maxInteractivePoints} points, some 60 bytes each).
 */
public final class ReviewReport {
    /** The most runs a report lists: a weekly review, not an archive. */
    static final int MAX_RUNS = 500;
    /** Points per curve in the charts. */
    static final int CURVE_POINTS = 1_000;
    /** Context tags the kernel records start with this. */
    static final String CONTEXT_PREFIX = "labbook.";

    /** What was written: the page and what it holds. */
    public record Result(String html, int runs, int charts) {
    }

    private ReviewReport() {
    }

    /**
     * The page of every run of {@code experiment}.
     *
     * @param progress where one line per step goes (runs read, each chart drawn, each session read)
     * @throws IllegalArgumentException when the experiment does not exist
     */
    public static Result write(Tracker tracker, String experiment, PrintWriter progress) {
        return render(tracker, experiment, Optional.empty(), progress);
    }

    /**
     * The page of the runs of {@code experiment} that match {@code filter} (the query language of
     * {@link RunQuery}).
     *
     * @param progress where one line per step goes (runs read, each chart drawn, each session read)
     * @throws IllegalArgumentException when the experiment does not exist
     */
    public static Result write(Tracker tracker, String experiment, String filter, PrintWriter progress) {
        return render(tracker, experiment, Optional.of(filter), progress);
    }

    private static Result render(Tracker tracker, String experiment, Optional<String> filter, PrintWriter progress) {
        if (tracker.experiment(experiment).isEmpty()) {
            List<String> known = tracker.experiments().stream().map(e -> e.name()).sorted().toList();
            throw new IllegalArgumentException("No experiment '" + experiment + "' in the store; it has "
                    + (known.isEmpty() ? "none" : String.join(", ", known)) + ". Pass one of them to --experiment.");
        }
        List<RunDetails> runs = tracker.runs(RunQuery.inExperiment(experiment).filter(filter.orElse(null))
                .limit(MAX_RUNS).orderBy("attributes.start_time ASC")).runs();
        progress.println("Read " + runs.size() + (runs.size() == 1 ? " run" : " runs") + " of experiment '"
                + experiment + "'" + filter.map(f -> " matching " + f).orElse(""));
        progress.flush();

        StringBuilder html = new StringBuilder(256 * 1024);
        String title = "Experiment " + experiment;
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(Html.escape(title)).append("</title><style>").append(STYLE)
                .append(InteractiveCharts.STYLE)
                .append("</style></head><body>\n");
        html.append("<h1>").append(Html.escape(title)).append("</h1>");
        html.append("<p class=\"lb-summary\">").append(runs.size()).append(runs.size() == 1 ? " run" : " runs")
                .append(filter.map(f -> " matching <code>" + Html.escape(f) + "</code>").orElse(""))
                .append("; written ").append(Html.escape(Instant.now().toString())).append(".</p>\n");

        html.append("<h2>Runs</h2>");
        html.append(RunsTable.of(StoreViews.rows(runs), TableOptions.defaults().asComparison(runs.size() >= 2)
                .withMaxRows(MAX_RUNS)).html());

        int charts = charts(tracker, runs, html, progress);

        html.append("<h2>Each run</h2>");
        for (RunDetails run : runs) {
            runSection(tracker, run, html, progress);
        }
        html.append("<script>").append(SORT_SCRIPT).append("</script>\n");
        if (charts > 0) {
            html.append(InteractiveCharts.scripts());
        }
        html.append("</body></html>\n");
        return new Result(html.toString(), runs.size(), charts);
    }

    private static int charts(Tracker tracker, List<RunDetails> runs, StringBuilder html, PrintWriter progress) {
        TreeSet<String> metrics = new TreeSet<>();
        // The runs' own metrics, as the runs table shows them; system metrics are charted when asked for by name.
        runs.forEach(r -> r.metrics().keySet().stream().filter(k -> !RunReport.isSystemMetric(k)).forEach(metrics::add));
        if (metrics.isEmpty()) {
            return 0;
        }
        html.append("<h2>Metrics</h2><div class=\"lb-charts\">");
        List<String> ids = runs.stream().map(RunDetails::id).toList();
        ChartOptions options = ChartOptions.defaults().withFormats(EnumSet.of(ChartFormat.PNG));
        int drawn = 0;
        for (String metric : metrics) {
            Map<String, List<MetricPoint>> histories = tracker.histories(ids, metric, CURVE_POINTS);
            List<Series> series = StoreViews.series(runs, List.of(metric), Map.of(metric, histories)).get(metric);
            ChartView chart = CurveChart.of(series, options);
            html.append(InteractiveCharts.figure(chart));
            drawn++;
            progress.println("Drew chart " + drawn + " of " + metrics.size() + ": " + metric);
            progress.flush();
        }
        html.append("</div>");
        return drawn;
    }

    private static void runSection(Tracker tracker, RunDetails run, StringBuilder html, PrintWriter progress) {
        html.append("<section class=\"lb-run-detail\"><h3>").append(Html.escape(run.name())).append(" <code>")
                .append(Html.escape(run.id())).append("</code> <span class=\"lb-status\">")
                .append(Html.escape(run.status().name())).append("</span></h3>");
        keyValues("Params", run.params(), html);
        Map<String, String> tags = new java.util.TreeMap<>();
        Map<String, String> context = new java.util.TreeMap<>();
        run.tags().forEach((k, v) -> (k.startsWith(CONTEXT_PREFIX) ? context : tags).put(k, v));
        keyValues("Tags", tags, html);
        List<Note> notes = tracker.notes(run.id());
        if (!notes.isEmpty()) {
            html.append("<h4>Notes</h4><ul class=\"lb-notes\">");
            notes.forEach(n -> html.append("<li>").append(Html.escape(n.text())).append("</li>"));
            html.append("</ul>");
        }
        keyValues("Context", context, html);
        Optional<SessionSnapshot> session = RunArtifacts.session(tracker, run.id());
        if (session.isPresent()) {
            html.append("<details class=\"lb-session\"><summary>Session notebook: ")
                    .append(session.get().cells().size()).append(" cells</summary>");
            session.get().cells().forEach(cell -> cell(cell, html));
            html.append("</details>");
        }
        html.append("</section>\n");
        progress.println("Added run " + run.name() + (session.isPresent() ? " with its session notebook" : ""));
        progress.flush();
    }

    private static void keyValues(String heading, Map<String, String> values, StringBuilder html) {
        if (values.isEmpty()) {
            return;
        }
        html.append("<h4>").append(heading).append("</h4><table class=\"lb-kv\">");
        new java.util.TreeMap<>(values).forEach((k, v) -> html.append("<tr><th>").append(Html.escape(k))
                .append("</th><td>").append(Html.escape(v)).append("</td></tr>"));
        html.append("</table>");
    }

    /** A cell as text: source, what it printed, its result's text, its error. Outputs never become markup. */
    private static void cell(CellRecord cell, StringBuilder html) {
        html.append("<div class=\"lb-cell\"><div class=\"lb-prompt\">In [").append(cell.executionCount())
                .append("]</div><pre class=\"lb-source\">").append(Html.escape(cell.source())).append("</pre>");
        List<String> outputs = new ArrayList<>();
        if (!cell.stdout().isEmpty()) {
            outputs.add(cell.stdout());
        }
        if (!cell.stderr().isEmpty()) {
            outputs.add(cell.stderr());
        }
        cell.displays().forEach(d -> text(d).ifPresent(outputs::add));
        cell.result().flatMap(ReviewReport::text).ifPresent(outputs::add);
        if (cell.outcome().kind() != Outcome.Kind.OK) {
            outputs.add(cell.outcome().kind() + " " + cell.outcome().ename() + ": " + cell.outcome().evalue());
        }
        for (String output : outputs) {
            html.append("<pre class=\"lb-output\">").append(Html.escape(output)).append("</pre>");
        }
        html.append("</div>");
    }

    private static Optional<String> text(OutputBundle bundle) {
        Object plain = bundle.data().get("text/plain");
        return plain == null ? Optional.empty() : Optional.of(plain.toString());
    }

    private static final String STYLE = """
            body{font-family:sans-serif;margin:24px;max-width:1200px;color:#222}
            h1{font-size:22px}h2{font-size:18px;margin-top:28px}h3{font-size:15px}h4{font-size:13px;margin:8px 0 4px}
            .lb-summary{color:#555}.lb-charts{display:flex;flex-wrap:wrap;gap:8px}
            .lb-chart{width:720px;height:400px;max-width:100%;object-fit:contain}
            .lb-table th{cursor:pointer}.lb-table th[data-sorted]::after{content:attr(data-sorted)}
            .lb-run-detail{border-top:1px solid #ddd;padding-top:4px}.lb-status{font-size:12px;color:#555}
            .lb-kv{border-collapse:collapse;font-size:12px}.lb-kv th,.lb-kv td{border-bottom:1px solid #eee;
            padding:2px 8px;text-align:left}.lb-kv th{font-weight:normal;color:#555}
            .lb-cell{margin:6px 0}.lb-prompt{color:#303f9f;font-size:12px}
            .lb-source{background:#f7f7f7;padding:6px;margin:2px 0;overflow:auto}
            .lb-output{padding:2px 6px;margin:2px 0;border-left:3px solid #ddd;overflow:auto}
            """;

    /** Clicking a header of the runs table sorts by that column (numbers as numbers), again to reverse. */
    private static final String SORT_SCRIPT = """
            document.querySelectorAll('table.lb-table').forEach(function (table) {
              var heads = table.querySelectorAll('thead th');
              heads.forEach(function (th, column) {
                th.addEventListener('click', function () {
                  var body = table.tBodies[0];
                  var rows = Array.prototype.slice.call(body.rows);
                  var descending = th.getAttribute('data-sorted') === ' \\u25B2';
                  function key(row) {
                    var text = row.cells[column] ? row.cells[column].textContent.replace('\\u2605', '').trim() : '';
                    var number = Number(text);
                    return text !== '' && !isNaN(number) ? number : text.toLowerCase();
                  }
                  rows.sort(function (a, b) {
                    var x = key(a), y = key(b);
                    var order = typeof x === typeof y ? (x < y ? -1 : x > y ? 1 : 0) : (typeof x === 'number' ? -1 : 1);
                    return descending ? -order : order;
                  });
                  rows.forEach(function (row) { body.appendChild(row); });
                  heads.forEach(function (other) { other.removeAttribute('data-sorted'); });
                  th.setAttribute('data-sorted', descending ? ' \\u25BC' : ' \\u25B2');
                });
              });
            });
            """;
}
