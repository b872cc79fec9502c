package org.labbook.extension.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.labbook.tracking.RunDetails;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.spi.TrialRecord;
import org.labbook.tracking.spi.TrialState;
import org.labbook.tracking.sweep.Sweep;

/**
 * The views of a sweep: its progress while trials run (one display redrawn in place), {@code %track sweep
 * show} (trials table, objective over trials, parallel coordinates of params against the objective, best
 * params) and {@code %track best --sweep}.
 */
public final class SweepViews {
    private static final ChartOptions CHARTS = ChartOptions.defaults();

    private SweepViews() {
    }

    /** Done, running, failed and pruned trials against the budget, and the best so far with its params. */
    public static HtmlView progress(Sweep sweep, Sweep.Progress p) {
        int proposed = p.complete() + p.failed() + p.pruned();
        double share = Math.min(1.0, proposed / (double) Math.max(1, p.budget()));
        StringBuilder text = new StringBuilder("Sweep " + p.sweep() + ": " + proposed + "/" + p.budget() + " done ("
                + p.complete() + " complete, " + p.pruned() + " pruned, " + p.failed() + " failed), " + p.running()
                + " running");
        if (p.crashed() + p.killed() > 0) {
            text.append(", ").append(p.crashed()).append(" crashed, ").append(p.killed()).append(" killed");
        }
        p.best().ifPresent(b -> text.append("; best ").append(sweep.objective().metric()).append(" = ")
                .append(Numbers.format(b.value())).append(" (trial ").append(b.number()).append(": ")
                .append(params(b.params())).append(')'));
        String html = "<div class=\"lb-sweep-progress\" style=\"margin:4px 0;\">"
                + "<div style=\"width:320px;height:8px;background:#eee;border-radius:4px;\">"
                + "<div style=\"width:" + Math.round(share * 320) + "px;height:8px;background:#4c78a8;border-radius:4px;\">"
                + "</div></div><div>" + Html.escape(text.toString()) + "</div></div>";
        return new HtmlView(html, text.toString());
    }

    /** {@code %track best --sweep NAME}. */
    public static HtmlView best(Sweep sweep) {
        Optional<Sweep.TrialResult> best = sweep.best();
        if (best.isEmpty()) {
            String text = "Sweep " + sweep.name() + " has no completed trial yet; run some with Sweep.get(\""
                    + sweep.name() + "\").run(trial -> ...).";
            return new HtmlView("<div>" + Html.escape(text) + "</div>", text);
        }
        Sweep.TrialResult b = best.get();
        String text = "Best trial of sweep " + sweep.name() + " by " + (sweep.objective().minimize() ? "lowest " : "highest ")
                + sweep.objective().metric() + ": trial " + b.number() + " (run " + shortId(b.runId()) + ") with "
                + sweep.objective().metric() + " = " + Numbers.format(b.value()) + "; params " + params(b.params());
        String html = "<div class=\"lb-best-run\" style=\"margin:4px 0;\">Best trial of sweep <b>"
                + Html.escape(sweep.name()) + "</b> by " + (sweep.objective().minimize() ? "lowest " : "highest ")
                + Html.escape(sweep.objective().metric()) + ": trial <b>" + b.number() + "</b> <code>"
                + Html.escape(shortId(b.runId())) + "</code> with " + Html.escape(sweep.objective().metric()) + " = <b>"
                + Html.escape(Numbers.format(b.value())) + "</b></div>" + paramsTable(b.params());
        return new HtmlView(html, text);
    }

    /** {@code %track sweep show NAME}. */
    public static HtmlView show(Sweep sweep, Tracker tracker) {
        List<TrialRecord> trials = sweep.trials();
        Sweep.Progress p = sweep.progress();
        StringBuilder html = new StringBuilder("<div class=\"lb-sweep\">");
        html.append("<div style=\"font-weight:bold;margin:4px 0;\">Sweep ").append(Html.escape(sweep.name()))
                .append("</div><div style=\"color:#555;margin-bottom:4px;\">")
                .append(Html.escape(definition(sweep))).append("</div>");
        StringBuilder text = new StringBuilder("Sweep " + sweep.name() + ": " + definition(sweep) + "\n");
        HtmlView progress = progress(sweep, p);
        html.append(progress.html());
        text.append(progress.text()).append('\n');
        p.best().ifPresent(b -> {
            html.append("<div style=\"margin:4px 0;\">Best params (trial ").append(b.number()).append("):</div>")
                    .append(paramsTable(b.params()));
            text.append("Best params (trial ").append(b.number()).append("): ").append(params(b.params())).append('\n');
        });
        html.append(trialsTable(sweep, trials));
        text.append(trialsText(sweep, trials));
        List<TrialRecord> complete = trials.stream().filter(t -> t.state() == TrialState.COMPLETE
                && t.objective().isPresent() && !Double.isNaN(t.objective().get())).toList();
        int[] numbers = complete.stream().mapToInt(TrialRecord::number).toArray();
        double[] values = complete.stream().mapToDouble(t -> t.objective().get()).toArray();
        List<ChartView> charts = new ArrayList<>();
        charts.add(ObjectiveChart.of(sweep.objective().metric(), sweep.objective().minimize(), numbers, values, CHARTS));
        if (!complete.isEmpty()) {
            List<RunRow> rows = new ArrayList<>();
            for (TrialRecord t : complete) {
                Optional<String> runId = t.runId();
                if (runId.isPresent()) {
                    RunDetails run = tracker.details(runId.get());
                    rows.add(StoreViews.row(run));
                }
            }
            charts.add(ParallelCoordinatesChart.of(rows, sweep.space().names(), sweep.objective().metric(),
                    CHARTS.withDirection(sweep.objective().metric(),
                            sweep.objective().minimize() ? MetricDirection.MINIMIZE : MetricDirection.MAXIMIZE)));
        }
        html.append("<div class=\"lb-charts\" style=\"display:flex;flex-wrap:wrap;gap:8px;margin-top:8px;\">");
        for (ChartView chart : charts) {
            html.append(chart.htmlImage());
            text.append(chart.description()).append('\n');
        }
        html.append("</div></div>");
        return new HtmlView(html.toString(), text.toString().strip());
    }

    private static String definition(Sweep sweep) {
        return "experiment " + sweep.experiment() + " \u00b7 " + sweep.objective() + " \u00b7 strategy "
                + sweep.strategy() + " \u00b7 seed " + sweep.seed() + " \u00b7 " + sweep.budget() + " trials"
                + (sweep.pruner().enabled() ? " \u00b7 pruner " + sweep.pruner() : "");
    }

    private static String trialsTable(Sweep sweep, List<TrialRecord> trials) {
        List<String> names = sweep.space().names();
        StringBuilder html = new StringBuilder("<table class=\"lb-sweep-trials\" style=\"border-collapse:collapse;"
                + "margin-top:6px;\"><thead><tr>");
        List<String> headers = new ArrayList<>(List.of("trial", "state", sweep.objective().metric()));
        headers.addAll(names);
        headers.add("run");
        for (String h : headers) {
            html.append("<th style=\"text-align:left;padding:2px 8px;border-bottom:1px solid #ccc;\">")
                    .append(Html.escape(h)).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        Optional<Sweep.TrialResult> best = sweep.best();
        for (TrialRecord t : trials) {
            boolean isBest = best.isPresent() && best.get().number() == t.number();
            html.append(isBest ? "<tr style=\"font-weight:bold;\">" : "<tr>");
            List<String> cells = new ArrayList<>(List.of(String.valueOf(t.number()), t.state().name(),
                    t.objective().map(Numbers::format).orElse("")));
            Map<String, Object> params = sweep.params(t);
            names.forEach(n -> cells.add(value(params.get(n))));
            cells.add(t.runId().map(SweepViews::shortId).orElse(""));
            for (String c : cells) {
                html.append("<td style=\"padding:2px 8px;\">").append(Html.escape(c)).append("</td>");
            }
            html.append("</tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    private static String trialsText(Sweep sweep, List<TrialRecord> trials) {
        StringBuilder text = new StringBuilder();
        for (TrialRecord t : trials) {
            text.append("  ").append(t.number()).append(' ').append(t.state()).append(' ')
                    .append(t.objective().map(Numbers::format).orElse("-")).append(' ')
                    .append(params(sweep.params(t))).append('\n');
        }
        return text.toString();
    }

    private static String paramsTable(Map<String, Object> params) {
        StringBuilder html = new StringBuilder("<table class=\"lb-sweep-best\" style=\"border-collapse:collapse;\">");
        params.forEach((k, v) -> html.append("<tr><td style=\"padding:1px 8px;\">").append(Html.escape(k))
                .append("</td><td style=\"padding:1px 8px;\"><code>").append(Html.escape(value(v)))
                .append("</code></td></tr>"));
        return html.append("</table>").toString();
    }

    static String params(Map<String, Object> params) {
        StringBuilder text = new StringBuilder();
        params.forEach((k, v) -> text.append(text.length() == 0 ? "" : ", ").append(k).append('=').append(value(v)));
        return text.toString();
    }

    private static String value(Object v) {
        return v instanceof Double d ? Numbers.format(d) : String.valueOf(v);
    }

    private static String shortId(String id) {
        return id.length() > RunRow.SHORT_ID_LENGTH ? id.substring(0, RunRow.SHORT_ID_LENGTH) : id;
    }
}
