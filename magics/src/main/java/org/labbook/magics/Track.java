package org.labbook.magics;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.labbook.magics.grammar.TrackCommand;
import org.labbook.magics.grammar.TrackCommand.Goal;
import org.labbook.magics.grammar.TrackCommand.XAxis;
import org.labbook.magics.internal.ActiveRuns;
import org.labbook.magics.internal.RunQueries;
import org.labbook.magics.internal.StartRequest;
import org.labbook.magics.internal.TrackErrors;
import org.labbook.magics.internal.TrackSession;
import org.labbook.magics.internal.TrackSessions;
import org.labbook.tracking.ArtifactRef;
import org.labbook.tracking.DatasetInput;
import org.labbook.tracking.Run;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.RunStatus;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.TrackingException;

/**
 * Experiment tracking from Java code in a notebook cell, the twin of the {@code %track} magics:
 *
 * <pre>{@code
 * Track.start("fraud/baseline", "lr-sweep");
 * Track.params(Map.of("lr", lr, "batch", 64));
 * for (int epoch = 0; epoch < 50; epoch++) Track.metric("val_loss", loss, epoch);
 * Track.end();
 * }</pre>
 *
 * Every kernel imports this class into each notebook. It keeps "the current run" of the notebook: the run
 * the last {@code start} began, until {@code end}. Logging with no current run is an error that says to
 * start one. Outside a notebook, use {@code Labbook.open()} and the {@code Tracker} it returns instead.
 */
public final class Track {
    private Track() {
    }

    private static TrackSession session() {
        return TrackSessions.current();
    }

    private static ActiveRuns active() {
        return session().runs();
    }

    // ---- starting and ending -------------------------------------------------------------------

    /** Starts a run with a generated name in the notebook's experiment and makes it the current run. */
    public static Run start() {
        return start(null, null);
    }

    /** Starts a run called {@code name} in the notebook's experiment. */
    public static Run start(String name) {
        return start(null, name);
    }

    /**
     * Starts a run called {@code name} (null: generated) in {@code experiment} (null: the notebook's).
     * The experiment comes first, as in {@code Tracker.start(experiment, name)}.
     */
    public static Run start(String experiment, String name) {
        return start(experiment, name, Map.of());
    }

    /** Starts a run with tags. It is an error while another run is active: end it, or use {@link #startNested}. */
    public static Run start(String experiment, String name, Map<String, String> tags) {
        TrackSession session = session();
        return session.runs().start(new StartRequest(Optional.ofNullable(name), Optional.ofNullable(experiment), tags,
                Optional.empty(), false, Optional.empty()), session.resolver());
    }

    /** Starts a child of the current run (e.g. one fold of a cross-validation); {@link #end()} returns to the parent. */
    public static Run startNested(String name) {
        TrackSession session = session();
        return session.runs().start(new StartRequest(Optional.ofNullable(name), Optional.empty(), Map.of(),
                Optional.empty(), true, Optional.empty()), session.resolver());
    }

    /** Ends the current run as FINISHED; if it was nested, its parent becomes the current run again. */
    public static void end() {
        end(RunStatus.FINISHED);
    }

    /** Ends the current run with FINISHED, FAILED or KILLED. */
    public static void end(RunStatus status) {
        active().end(status);
    }

    /** The current run, for calls this class does not wrap; an error if none is active. */
    public static Run run() {
        return active().require("return from Track.run()");
    }

    /** The current run, or empty. */
    public static Optional<Run> activeRun() {
        return active().current();
    }

    // ---- logging ---------------------------------------------------------------------------------

    /** Logs a param (write-once: another value for the same key is an error quoting both). */
    public static void param(String key, Object value) {
        active().params(java.util.Collections.singletonMap(key, value == null ? nullValue(key) : value));
    }

    /** Logs params in one batch: all of them, or none when one is invalid or conflicts. */
    public static void params(Map<String, ?> params) {
        active().params(params);
    }

    /** Logs a metric value at a step. Returns at once: the store is written in the background. */
    public static void metric(String key, double value, long step) {
        active().metric(key, value, step);
    }

    /** Logs a metric value at the key's next step (0, 1, 2, ...), like {@code wandb.log}. */
    public static void metric(String key, double value) {
        active().metric(key, value);
    }

    /** Logs several metrics at one step. */
    public static void metrics(Map<String, ? extends Number> values, long step) {
        active().metrics(toDoubles(values), step);
    }

    public static void tag(String key, String value) {
        active().tags(java.util.Collections.singletonMap(key, value));
    }

    public static void note(String text) {
        active().note(text);
    }

    /** Attaches a file to the current run under its file name. */
    public static ArtifactRef artifact(String path) {
        return active().artifact(path, Optional.empty());
    }

    public static ArtifactRef artifact(String path, String name) {
        return active().artifact(path, Optional.of(name));
    }

    public static ArtifactRef artifact(Path path) {
        return artifact(path.toString());
    }

    /** Attaches a file to the current run under {@code name}: the source first, then the name. */
    public static ArtifactRef artifact(Path path, String name) {
        return artifact(path.toString(), name);
    }

    /** Records a dataset the current run reads: digest, size, and rows and columns for CSV. */
    public static DatasetInput dataset(String path) {
        return active().dataset(path, Optional.empty());
    }

    public static DatasetInput dataset(String path, String name) {
        return active().dataset(path, Optional.of(name));
    }

    /**
     * Records a random seed as the param {@code seed} (of the current run, or of the next run started) and
     * returns a {@link Random} seeded with it. {@code %track seed N} also defines {@code SEED} and
     * {@code RNG} in the notebook.
     */
    public static Random seed(long seed) {
        active().seed(seed);
        return new Random(seed);
    }

    // ---- reading ---------------------------------------------------------------------------------

    /** The runs of the notebook's experiment. */
    public static RunTable runs() {
        return runs((String) null);
    }

    /** The runs of the notebook's experiment that match a filter, e.g. {@code "metrics.acc > 0.9"}. */
    public static RunTable runs(String filter) {
        return queries().runs(Optional.empty(), Optional.ofNullable(filter), Optional.empty(), RunQueries.DEFAULT_LIMIT);
    }

    /** One run by id, id prefix, name or {@code "last"}. */
    public static RunReport show(String run) {
        return queries().show(Optional.of(run));
    }

    /** Compares runs (ids, prefixes, names or {@code "last"}); with none, every run of the notebook's experiment. */
    public static RunComparison compare(String... runs) {
        return queries().compare(List.of(runs), Optional.empty(), Optional.empty(), List.of(), XAxis.STEP);
    }

    /** Compares the named runs on the given metrics only. */
    public static RunComparison compare(List<String> runs, List<String> metrics) {
        return queries().compare(runs, Optional.empty(), Optional.empty(), metrics, XAxis.STEP);
    }

    /** The run of the notebook's experiment with the lowest latest value of {@code metric}. */
    public static BestRun best(String metric) {
        return best(metric, "min");
    }

    /** The run with the lowest ({@code "min"}) or highest ({@code "max"}) latest value of {@code metric}. */
    public static BestRun best(String metric, String goal) {
        Goal parsed = switch (goal == null ? "" : goal.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "min" -> Goal.MIN;
            case "max" -> Goal.MAX;
            default -> throw TrackErrors.usage("Invalid goal '" + goal + "' for Track.best: use \"min\" (lower is better)"
                    + " or \"max\" (higher is better).");
        };
        return queries().best(metric, parsed, Optional.empty(), Optional.empty());
    }

    // ---- hooks for other modules and advanced use -----------------------------------------------

    /**
     * Calls {@code listener} with every metric point logged to the notebook's runs from now on, on the
     * thread that logged it, until the returned registration is closed.
     */
    public static AutoCloseable listen(MetricListener listener) {
        return active().listen(listener);
    }

    /**
     * The experiment runs go to when none is named: the last one a run was started in, else the
     * notebook's file name, else "default".
     */
    public static String experiment() {
        return active().experiment();
    }

    /** The tracker of the store this notebook logs to (opened on first use), for reads this class does not wrap. */
    public static Tracker tracker() {
        return session().store().tracker();
    }

    /** A run by id, unique id prefix, name in the notebook's experiment, or {@code "last"}; an error if none or several match. */
    public static RunDetails resolveRun(String reference) {
        try {
            return session().resolver().resolve(reference, Optional.empty());
        } catch (TrackingException unknownOrAmbiguous) {
            // The message already says what matched and how to name a run; a trace would only hide it.
            throw TrackErrors.usage(unknownOrAmbiguous.getMessage());
        }
    }

    /**
     * Shows a chart of {@code metrics} in the running cell that redraws as the cell logs them with
     * {@link #metric}, and draws its final frame when the cell ends; the same as {@code %track live METRIC...}.
     */
    public static void live(String... metrics) {
        if (metrics == null || metrics.length == 0) {
            throw TrackErrors.usage("Track.live needs at least one metric to draw, e.g. Track.live(\"loss\").");
        }
        TrackSession session = session();
        TrackSubcommand implementation = session.subcommand("live").orElseThrow(() -> TrackErrors.usage(
                "Track.live is not available in this kernel: it needs the Labbook chart extension"
                        + " (labbook-kernel-extension) on the classpath."));
        try {
            implementation.run(new TrackCommand.Live(List.of(metrics)), session.kernel());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Live chart failed: " + e.getMessage(), e);
        }
    }

    private static RunQueries queries() {
        return session().queries();
    }

    private static Map<String, Double> toDoubles(Map<String, ? extends Number> values) {
        Map<String, Double> doubles = new java.util.LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (value == null) {
                throw TrackErrors.usage("Metric '" + key + "' is null: log a number (NaN is allowed).");
            }
            doubles.put(key, value.doubleValue());
        });
        return doubles;
    }

    private static Object nullValue(String key) {
        throw TrackErrors.usage("Param '" + key + "' is null: log a string, number or boolean, or leave the key out.");
    }
}
