package org.labbook.extension;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.labbook.extension.snapshot.SessionSnapshot;
import org.labbook.kernel.cli.LabbookCommand;
import org.labbook.tracking.MetricSummary;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.RunQuery;
import org.labbook.tracking.Tracker;

/**
 * Runs a run's session again in a fresh kernel against the same store, then compares every final metric of
 * the new run with the original's. The new run carries the tag {@value #TAG} with the original's id.
 */
public final class Reproduction {

    /** The tag naming the run a run reproduces. */
    public static final String TAG = "labbook.reproduces";
    /** Set while a reproduction runs, so that the recorder tags the runs the session starts. */
    static final String PROPERTY = "labbook.reproduces";
    /** The {@code %track} magics' store override, so the session logs to the store it came from. */
    static final String STORE_PROPERTY = "labbook.store";

    /** One metric compared. */
    public record Comparison(String metric, double original, double reproduced, double relativeDifference,
                             boolean withinTolerance) {
    }

    /** What a reproduction found: the new run, and each metric of the original. */
    public record Result(RunDetails original, Optional<RunDetails> reproduced, List<Comparison> metrics,
                         double tolerance) {
        public boolean succeeded() {
            return reproduced.isPresent() && metrics.stream().allMatch(Comparison::withinTolerance);
        }
    }

    private Reproduction() {
    }

    /**
     * Re-executes the run's session notebook and compares.
     *
     * @param err where the notebook run reports a failing cell
     */
    public static Result run(Tracker tracker, String reference, double tolerance, Path workDirectory, PrintWriter err)
            throws IOException {
        RunDetails original = tracker.resolveRun(reference);
        SessionSnapshot session = RunArtifacts.session(tracker, original.id()).orElseThrow(() ->
                new IllegalArgumentException("Run '" + original.name() + "' has no session snapshot to re-run: only"
                        + " runs started in a Labbook notebook kernel have one."));
        Path notebook = workDirectory.resolve("reproduce-" + original.id() + ".ipynb");
        Files.write(notebook, session.notebook(ref -> RunArtifacts.blob(tracker, original.id(), ref)));
        tracker.flush();

        String previousStore = System.getProperty(STORE_PROPERTY);
        String previousTag = System.getProperty(PROPERTY);
        System.setProperty(STORE_PROPERTY, tracker.location().uri());
        System.setProperty(PROPERTY, original.id());
        try {
            LabbookCommand.execute(new PrintWriter(PrintWriter.nullWriter()), err, "run", notebook.toString(),
                    "--output", workDirectory.resolve("reproduced-" + original.id() + ".ipynb").toString());
        } finally {
            restore(STORE_PROPERTY, previousStore);
            restore(PROPERTY, previousTag);
        }
        Optional<RunDetails> reproduced = tracker.runs(RunQuery.all().limit(RunQuery.MAX_LIMIT)).runs().stream()
                .filter(run -> original.id().equals(run.tags().get(TAG)))
                .max(Comparator.comparing(run -> run.info().startTime()));
        return new Result(original, reproduced, compare(original.metrics(),
                reproduced.map(RunDetails::metrics).orElse(Map.of()), tolerance), tolerance);
    }

    static List<Comparison> compare(Map<String, MetricSummary> original, Map<String, MetricSummary> reproduced,
                                    double tolerance) {
        List<Comparison> rows = new ArrayList<>();
        for (String key : new TreeSet<>(original.keySet())) {
            if (org.labbook.magics.RunReport.isSystemMetric(key)) {
                continue; // how busy the machine was is no result of the session
            }
            double before = original.get(key).latest();
            MetricSummary after = reproduced.get(key);
            double now = after == null ? Double.NaN : after.latest();
            double relative = relativeDifference(before, now);
            rows.add(new Comparison(key, before, now, relative, relative <= tolerance));
        }
        return rows;
    }

    /** |new - old| / |old|, 0 for equal values (NaN included), infinite when only one side is a number. */
    static double relativeDifference(double before, double now) {
        if (Double.compare(before, now) == 0) {
            return 0;
        }
        if (Double.isNaN(before) || Double.isNaN(now) || Double.isInfinite(before) || Double.isInfinite(now)) {
            return Double.POSITIVE_INFINITY;
        }
        double scale = Math.abs(before);
        return scale == 0 ? Math.abs(now) : Math.abs(now - before) / scale;
    }

    /** The table {@code labbook reproduce} prints. */
    public static String table(Result result) {
        StringBuilder out = new StringBuilder();
        out.append("Reproduction of run '").append(result.original().name()).append("' (").append(result.original().id())
                .append(")");
        out.append(result.reproduced().map(r -> " as run '" + r.name() + "' (" + r.id() + ")\n")
                .orElse(": the session started no run\n"));
        out.append(String.format("%-24s %16s %16s %12s  %s%n", "metric", "original", "reproduced", "rel. diff",
                "within " + result.tolerance()));
        for (Comparison row : result.metrics()) {
            out.append(String.format("%-24s %16.8g %16.8g %12.3e  %s%n", row.metric(), row.original(), row.reproduced(),
                    row.relativeDifference(), row.withinTolerance() ? "yes" : "NO"));
        }
        return out.toString();
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
