package org.labbook.magics.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.labbook.magics.BestRun;
import org.labbook.magics.ExperimentTable;
import org.labbook.magics.RunComparison;
import org.labbook.magics.RunReport;
import org.labbook.magics.RunTable;
import org.labbook.magics.grammar.TrackCommand.Goal;
import org.labbook.magics.grammar.TrackCommand.OrderBy;
import org.labbook.magics.grammar.TrackCommand.XAxis;
import org.labbook.tracking.Force;
import org.labbook.tracking.MetricPoint;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.RunPage;
import org.labbook.tracking.RunQuery;
import org.labbook.tracking.Tracker;

/**
 * The read side of {@code %track}: runs, show, compare, best and experiments. Each returns a value that
 * carries its data ({@link RunTable}, {@link RunComparison}, ...), so renderers can draw it richly.
 * Without {@code --experiment}, queries look at the session's experiment.
 */
public final class RunQueries {
    /** How many runs a listing shows unless {@code --limit} says otherwise. */
    public static final int DEFAULT_LIMIT = 100;
    /** Points per curve in a comparison; the store downsamples longer histories keeping spikes. */
    public static final int CURVE_POINTS = 1000;
    /** How many runs {@code best} and {@code compare} consider when selecting by experiment and filter. */
    static final int SELECTION_LIMIT = 1000;

    private final StoreConnection store;
    private final RunResolver resolver;
    private final Supplier<String> sessionExperiment;
    private final Supplier<Optional<String>> activeRunId;

    public RunQueries(StoreConnection store, RunResolver resolver, Supplier<String> sessionExperiment,
                      Supplier<Optional<String>> activeRunId) {
        this.store = store;
        this.resolver = resolver;
        this.sessionExperiment = sessionExperiment;
        this.activeRunId = activeRunId;
    }

    /** The tracker, with the metrics this session's live runs buffered stored first, so reads see them. */
    private Tracker tracker() {
        Tracker tracker = store.tracker();
        if (!tracker.liveRuns().isEmpty()) {
            tracker.flush();
        }
        return tracker;
    }

    public RunTable runs(Optional<String> experiment, Optional<String> filter, Optional<OrderBy> orderBy, int limit) {
        String exp = existingExperiment(experiment);
        RunQuery query = RunQuery.inExperiment(exp).filter(filter.orElse(null)).limit(limit);
        if (orderBy.isPresent()) {
            query = query.orderBy(orderBy.get().key() + (orderBy.get().ascending() ? " ASC" : " DESC"));
        }
        RunPage page = search(exp, query);
        return RunTable.of("Runs of experiment '" + exp + "'" + filter.map(f -> " matching " + f).orElse(""),
                page.runs(), page.nextPageToken().isPresent());
    }

    /** One run; without a reference the active run, else the newest run of the session's experiment. */
    public RunReport show(Optional<String> reference) {
        Tracker tracker = tracker();
        RunDetails run = reference.isPresent()
                ? resolver.resolve(reference.get(), Optional.of(sessionExperiment.get()))
                : activeRunId.get().map(tracker::details)
                        .orElseGet(() -> resolver.resolve("last", Optional.of(sessionExperiment.get())));
        return new RunReport(run, tracker.notes(run.id()), tracker.artifacts(run.id()), tracker.datasets(run.id()));
    }

    /**
     * The named runs, or (with none named) the runs of the experiment that match the filter, with the
     * histories of the chosen metrics (default: every metric any of them has).
     */
    public RunComparison compare(List<String> references, Optional<String> experiment, Optional<String> filter,
                                 List<String> metrics, XAxis x) {
        if (!references.isEmpty() && filter.isPresent()) {
            throw TrackErrors.usage("Give either runs to compare or --filter to select them, not both.");
        }
        List<RunDetails> runs;
        String title;
        if (references.isEmpty()) {
            String exp = existingExperiment(experiment);
            runs = search(exp, RunQuery.inExperiment(exp).filter(filter.orElse(null)).limit(SELECTION_LIMIT)).runs();
            title = "Comparing runs of experiment '" + exp + "'" + filter.map(f -> " matching " + f).orElse("");
        } else {
            Optional<String> scope = Optional.of(experiment.orElseGet(sessionExperiment));
            Map<String, RunDetails> byId = new LinkedHashMap<>();
            references.forEach(ref -> {
                RunDetails run = resolver.resolve(ref, scope);
                byId.putIfAbsent(run.id(), run);
            });
            runs = List.copyOf(byId.values());
            title = "Comparing " + runs.size() + (runs.size() == 1 ? " run" : " runs");
        }
        Set<String> keys = new LinkedHashSet<>(metrics);
        if (keys.isEmpty()) {
            runs.forEach(r -> keys.addAll(new java.util.TreeSet<>(r.metrics().keySet())));
        } else {
            Set<String> known = new java.util.TreeSet<>();
            runs.forEach(r -> known.addAll(r.metrics().keySet()));
            for (String key : keys) {
                if (!known.contains(key) && !runs.isEmpty()) {
                    throw TrackErrors.usage("No compared run has metric '" + key + "'; their metrics are "
                            + (known.isEmpty() ? "none" : String.join(", ", known)) + ".");
                }
            }
        }
        Tracker tracker = tracker();
        List<String> ids = runs.stream().map(RunDetails::id).toList();
        Map<String, Map<String, List<MetricPoint>>> histories = new LinkedHashMap<>();
        for (String key : keys) {
            histories.put(key, ids.isEmpty() ? Map.of() : tracker.histories(ids, key, CURVE_POINTS));
        }
        return new RunComparison(RunTable.of(title, runs, false), List.copyOf(keys), x, histories);
    }

    /** The run whose latest value of {@code metric} is lowest ({@link Goal#MIN}) or highest. */
    public BestRun best(String metric, Goal goal, Optional<String> experiment, Optional<String> filter) {
        org.labbook.tracking.spi.Validation.key("metric key", metric);
        String exp = existingExperiment(experiment);
        RunQuery query = RunQuery.inExperiment(exp).filter(filter.orElse(null)).limit(SELECTION_LIMIT)
                .orderBy("metrics." + quoteKey(metric) + (goal == Goal.MIN ? " ASC" : " DESC"));
        List<RunDetails> candidates = new ArrayList<>(search(exp, query).runs().stream()
                .filter(r -> r.metrics().containsKey(metric) && !Double.isNaN(r.metrics().get(metric).latest()))
                .toList());
        if (candidates.isEmpty()) {
            throw TrackErrors.usage("No run of experiment '" + exp + "'" + filter.map(f -> " matching " + f).orElse("")
                    + " has a value of metric '" + metric + "'. Check the name with %track runs.");
        }
        Comparator<RunDetails> byValue = Comparator.comparingDouble(r -> r.metrics().get(metric).latest());
        candidates.sort(goal == Goal.MIN ? byValue : byValue.reversed());
        List<RunDetails> ranking = candidates.subList(0, Math.min(10, candidates.size()));
        RunTable table = RunTable.of("Ranking by " + metric + " (" + (goal == Goal.MIN ? "lowest" : "highest") + " first)",
                ranking, candidates.size() > ranking.size());
        return new BestRun(metric, goal, candidates.get(0), table);
    }

    public ExperimentTable experiments() {
        return new ExperimentTable(store.tracker().experiments());
    }

    /**
     * Soft-deletes a run; the active run cannot be deleted while it is being logged to, and another user's
     * run only with {@code force}.
     */
    public RunDetails delete(String reference, boolean force) {
        RunDetails run = resolver.resolve(reference, Optional.of(sessionExperiment.get()));
        if (activeRunId.get().filter(run.id()::equals).isPresent()) {
            throw TrackErrors.usage("Run '" + run.name() + "' (" + Formats.shortId(run.id())
                    + ") is the active run: end it with %track end before deleting it.");
        }
        store.tracker().deleteRun(run.id(), force ? Force.YES : Force.NO);
        return run;
    }

    /** Restores a deleted run; another user's run only with {@code force}. */
    public RunDetails restore(String reference, boolean force) {
        RunDetails run = resolver.resolveIncludingDeleted(reference, Optional.of(sessionExperiment.get()));
        store.tracker().restoreRun(run.id(), force ? Force.YES : Force.NO);
        return run;
    }

    private RunPage search(String experiment, RunQuery query) {
        Tracker tracker = tracker();
        if (tracker.experiment(experiment).isEmpty()) {
            return new RunPage(List.of(), Optional.empty());
        }
        return tracker.runs(query);
    }

    /** The experiment named, which must exist, or the session's experiment (which may not exist yet). */
    private String existingExperiment(Optional<String> experiment) {
        if (experiment.isEmpty()) {
            return sessionExperiment.get();
        }
        String name = experiment.get();
        if (store.tracker().experiment(name).isEmpty()) {
            List<String> names = store.tracker().experiments().stream().map(e -> e.name()).toList();
            throw TrackErrors.usage("No experiment '" + name + "' in the store; "
                    + (names.isEmpty() ? "there are none yet." : "it has " + String.join(", ", names.subList(0,
                    Math.min(10, names.size()))) + (names.size() > 10 ? ", ..." : "") + "."));
        }
        return name;
    }

    /** Backquoted, so keys with dots, dashes or spaces stay one key in the order language. */
    private static String quoteKey(String key) {
        return "`" + key + "`";
    }
}
