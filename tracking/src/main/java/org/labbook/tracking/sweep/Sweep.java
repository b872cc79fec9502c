package org.labbook.tracking.sweep;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.labbook.tracking.Labbook;
import org.labbook.tracking.NotFoundException;
import org.labbook.tracking.Run;
import org.labbook.tracking.RunStatus;
import org.labbook.tracking.StoreException;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.internal.RunNames;
import org.labbook.tracking.spi.NewSweep;
import org.labbook.tracking.spi.SweepRecord;
import org.labbook.tracking.spi.SweepStore;
import org.labbook.tracking.spi.TrialRecord;
import org.labbook.tracking.spi.TrialState;
import org.labbook.tracking.spi.Validation;

/**
 * A hyperparameter search whose trials are child runs of the sweep's own run, shared through the store by
 * every worker that joins it.
 * <pre>
 * Sweep sweep = Sweep.create("lr-search", "fraud/tuning",
 *         Space.of(Space.logUniform("lr", 1e-5, 1e-1), Space.choice("batch", 16, 32, 64)),
 *         Objective.minimize("val_loss"), Strategy.tpe(), 60);
 * sweep.run(trial -> {
 *     for (int epoch = 0; epoch &lt; 20; epoch++) {
 *         trial.report("val_loss", trainOneEpoch(trial.getDouble("lr"), trial.getInt("batch")), epoch);
 *     }
 * });
 * </pre>
 * Another process calls {@code Sweep.join("lr-search").run(...)} on the same store and takes the next
 * trials: the store hands each out once and keeps the budget across workers. A worker that dies leaves its
 * trial CRASHED (its heartbeat goes stale) and the configuration is run once more by a worker.
 *
 * <p>The static methods without a {@link Tracker} use {@link Labbook#open()}'s store, opened once per JVM.
 */
public final class Sweep {
    private final Tracker tracker;
    private final SweepStore store;
    private final SweepRecord record;
    private final Space space;
    private final Objective objective;
    private final Strategy strategy;
    private final Pruner pruner;
    private final Sampler sampler;
    private final String worker;

    /**
     * Everything that defines a sweep.
     *
     * @param trials how many configurations to try; a grid tries at most its number of points
     * @param seed the seed of random and TPE proposals, recorded on the sweep's run
     */
    public record Definition(String name, String experiment, Space space, Objective objective, Strategy strategy,
                             int trials, long seed, Pruner pruner) {
        public Definition {
            Validation.name("sweep name", name);
            Validation.name("experiment name", experiment);
            Validation.required("space", space);
            Validation.required("objective", objective);
            Validation.required("strategy", strategy);
            Validation.required("pruner", pruner);
            if (trials < 1) {
                throw new org.labbook.tracking.ValidationException("Invalid trial budget " + trials
                        + ": a sweep needs at least one trial, e.g. --trials 20.");
            }
            if (strategy.kind() == Strategy.Kind.GRID) {
                GridSampler.size(space, strategy.gridPoints());
            }
        }

        public static Definition of(String name, String experiment, Space space, Objective objective,
                                    Strategy strategy, int trials) {
            return new Definition(name, experiment, space, objective, strategy, trials,
                    new SplittableRandom().nextLong() & 0xFFFF_FFFFL, Pruner.none());
        }

        public Definition withSeed(long newSeed) {
            return new Definition(name, experiment, space, objective, strategy, trials, newSeed, pruner);
        }

        public Definition withPruner(Pruner newPruner) {
            return new Definition(name, experiment, space, objective, strategy, trials, seed, newPruner);
        }

        /** The budget the store keeps: the trials asked for, at most the grid's size. */
        int budget() {
            return strategy.kind() == Strategy.Kind.GRID
                    ? (int) Math.min(trials, GridSampler.size(space, strategy.gridPoints())) : trials;
        }
    }

    /** The body of {@link #run}: trains with the trial's configuration and reports the objective. */
    @FunctionalInterface
    public interface TrialBody {
        void accept(Trial trial) throws Exception;
    }

    /** A finished trial with its objective. */
    public record TrialResult(int number, String runId, double value, Map<String, Object> params) {
    }

    /**
     * Where the sweep stands: trials by state (a re-queued configuration counts again), the budget and
     * the best COMPLETE trial so far.
     */
    public record Progress(String sweep, int budget, int complete, int running, int queued, int failed, int pruned,
                           int killed, int crashed, Optional<TrialResult> best) {
        /** Trials that ended, however. */
        public int ended() {
            return complete + failed + pruned + killed + crashed;
        }
    }

    private Sweep(Tracker tracker, SweepStore store, SweepRecord record) {
        this.tracker = tracker;
        this.store = store;
        this.record = record;
        NewSweep d = record.definition();
        this.space = Space.parse(d.space());
        this.objective = new Objective(d.objectiveKey(), d.minimize());
        this.strategy = Strategy.parse(d.strategy());
        this.pruner = Pruner.parse(d.pruner());
        this.sampler = Sampler.of(strategy);
        this.worker = ManagementFactory.getRuntimeMXBean().getName() + "/" + RunNames.newRunId().substring(0, 8);
    }

    // ---- creating and finding ----------------------------------------------------------------------

    /** Creates a sweep in the default store, with a random seed and no pruning. */
    public static Sweep create(String name, String experiment, Space space, Objective objective, Strategy strategy,
                               int trials) {
        return create(DefaultTracker.get(), Definition.of(name, experiment, space, objective, strategy, trials));
    }

    /** Creates a sweep in the default store. */
    public static Sweep create(Definition definition) {
        return create(DefaultTracker.get(), definition);
    }

    /**
     * Records the sweep and its run (it holds the definition; the trials are its children). The run reads
     * RUNNING while workers run trials and ends FINISHED, with the best trial, when the budget is spent
     * (see {@link SweepRun}). A name already taken is refused with one line, and nothing is created.
     */
    public static Sweep create(Tracker tracker, Definition definition) {
        SweepStore store = sweepsOf(tracker);
        if (store.find(definition.name()).isPresent()) {
            throw new org.labbook.tracking.ValidationException("Invalid sweep name '" + definition.name()
                    + "': a sweep of that name exists. Pick another name, or join it with Sweep.join(\""
                    + definition.name() + "\").");
        }
        int budget = definition.budget();
        Run run = tracker.newRun(definition.experiment()).name(definition.name()).tag("sweep.name", definition.name())
                .tag("sweep.role", "sweep").start();
        try {
            run.param("sweep.space", definition.space().toText().strip());
            run.param("sweep.strategy", definition.strategy().toString());
            run.param("sweep.seed", definition.seed());
            run.param("sweep.objective", definition.objective().toString());
            run.param("sweep.trials", budget);
            run.param("sweep.pruner", definition.pruner().toString());
            SweepRecord record = store.create(new NewSweep(RunNames.newRunId(), definition.name(),
                    definition.experiment(), run.id(), definition.space().toText(), definition.objective().metric(),
                    definition.objective().minimize(), definition.strategy().toString(), definition.seed(), budget,
                    definition.pruner().toString(), Instant.now()));
            run.close();
            // The sweep's run reads RUNNING while it has work; the workers keep its heartbeat (SweepRun).
            tracker.store().reopenRun(run.id(), Instant.now());
            return new Sweep(tracker, store, record);
        } catch (RuntimeException | Error e) {
            run.fail(e);
            tracker.deleteRun(run.id());
            throw e;
        }
    }

    /** The sweep of this name in the default store. */
    public static Sweep get(String name) {
        return get(DefaultTracker.get(), name);
    }

    public static Sweep get(Tracker tracker, String name) {
        SweepStore store = sweepsOf(tracker);
        SweepRecord record = store.find(name).orElseThrow(() -> new NotFoundException("No sweep named '" + name
                + "' in " + tracker.location().describe() + ". Create it with Sweep.create or %%track sweep; list"
                + " sweeps with labbook sweep status."));
        return new Sweep(tracker, store, record);
    }

    /** As {@link #get(String)}: the way another worker takes part in a sweep. */
    public static Sweep join(String name) {
        return get(name);
    }

    public static Sweep join(Tracker tracker, String name) {
        return get(tracker, name);
    }

    /** Every sweep of the tracker's store, oldest first. */
    public static List<String> names(Tracker tracker) {
        return sweepsOf(tracker).sweeps().stream().map(SweepRecord::name).toList();
    }

    private static SweepStore sweepsOf(Tracker tracker) {
        Validation.required("tracker", tracker);
        return tracker.store().sweeps().orElseThrow(() -> new StoreException("The store at "
                + tracker.location().describe() + " does not keep sweeps. Use a SQLite or PostgreSQL store."));
    }

    // ---- running -----------------------------------------------------------------------------------

    /**
     * Runs trials until the budget is spent, showing progress where the installed {@link SweepHost} shows
     * it (in a notebook: one display in the cell that updates in place); see {@link #run(TrialBody, Consumer)}.
     */
    public Progress run(TrialBody body) {
        SweepHost installed = host;
        return run(body, installed == null ? progress -> { } : installed.progress(this));
    }

    /**
     * Takes trials from the store and runs {@code body} on each until the budget is spent and no other
     * worker's trial may still come back (one that crashes is re-queued). A trial that throws ends FAILED
     * with its error and the sweep goes on; one the pruner stops ends PRUNED. When the thread is
     * interrupted (a notebook cell interrupted), the running trial ends KILLED, its configuration is queued
     * again, and the interruption goes on up: the sweep can be resumed by calling run again.
     *
     * @param listener told the sweep's progress before the first trial and after each
     */
    public Progress run(TrialBody body, Consumer<Progress> listener) {
        Validation.required("body", body);
        try (SweepRun sweepRun = SweepRun.follow(tracker, runId())) {
            return run(body, listener, sweepRun);
        }
    }

    private Progress run(TrialBody body, Consumer<Progress> listener, SweepRun sweepRun) {
        listener.accept(progress());
        long poll = Math.max(100, Math.min(2000, tracker.options().heartbeatInterval().toMillis()));
        while (true) {
            SweepStore.Claim claim = store.claim(record.id(), worker, Instant.now(), this::suggest);
            if (claim.trial().isPresent()) {
                runTrial(claim.trial().get(), body);
                listener.accept(progress());
            } else if (claim.othersRunning()) {
                try {
                    Thread.sleep(poll);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new org.labbook.tracking.TrackingException("The sweep '" + name() + "' was interrupted while"
                            + " waiting for other workers' trials; it goes on with them.", e);
                }
            } else {
                Progress done = progress();
                sweepRun.finish(objective, done);
                listener.accept(done);
                return done;
            }
        }
    }

    private String suggest(int number, int proposal, java.util.function.Supplier<List<TrialRecord>> trials) {
        List<Sampler.Observation> finished = new ArrayList<>();
        // Only TPE learns from the finished trials; grid and random need not read them.
        for (TrialRecord t : strategy.kind() == Strategy.Kind.TPE ? trials.get() : List.<TrialRecord>of()) {
            if (t.state() == TrialState.COMPLETE && t.objective().isPresent() && Double.isFinite(t.objective().get())) {
                finished.add(new Sampler.Observation(t.number(), Configs.decode(space, t.config()),
                        objective.loss(t.objective().get())));
            }
        }
        // One stream per proposal, so a seed gives the same proposals whichever worker makes them.
        SplittableRandom random = new SplittableRandom(record.definition().seed() * 0x9E3779B97F4A7C15L + proposal);
        return Configs.encode(sampler.suggest(space, proposal, finished, random));
    }

    private void runTrial(TrialRecord claimed, TrialBody body) {
        Map<String, Object> config = Configs.decode(space, claimed.config());
        Run run = tracker.newRun(record.definition().experiment()).parent(record.definition().runId())
                .name(String.format("%s-%03d", name(), claimed.number()))
                .tag("sweep.name", name()).tag("sweep.trial", String.valueOf(claimed.number())).start();
        store.attachRun(record.id(), claimed.number(), run.id());
        run.params(config);
        if (claimed.attempt() > 1) {
            run.tag("sweep.requeued_from", String.valueOf(claimed.requeuedFrom()));
        }
        Trial trial = new Trial(this, claimed.number(), new java.util.LinkedHashMap<>(config), run);
        SweepHost installed = host;
        if (installed != null) {
            installed.trialStarted(run);
        }
        try {
            runTrial(claimed, body, trial, run);
        } finally {
            if (installed != null) {
                installed.trialEnded(run, tracker.details(run.id()).status());
            }
        }
    }

    private void runTrial(TrialRecord claimed, TrialBody body, Trial trial, Run run) {
        try {
            body.accept(trial);
        } catch (TrialPruned pruned) {
            run.tag("sweep.pruned", "true");
            run.end(RunStatus.KILLED);
            store.finish(record.id(), claimed.number(), TrialState.PRUNED, trial.lastObjective(), pruned.getMessage(),
                    Instant.now());
            return;
        } catch (InterruptedException e) {
            kill(claimed, run, e);
            Thread.currentThread().interrupt();
            throw new org.labbook.tracking.TrackingException("The sweep '" + name() + "' was interrupted in trial "
                    + claimed.number() + "; the trial is KILLED and its configuration queued again.", e);
        } catch (Exception | AssertionError | StackOverflowError e) {
            if (Thread.currentThread().isInterrupted()) {
                kill(claimed, run, e);
                throw e instanceof RuntimeException r ? r : new org.labbook.tracking.TrackingException(e.toString(), e);
            }
            run.fail(e);
            store.finish(record.id(), claimed.number(), TrialState.FAILED, Double.NaN, describe(e), Instant.now());
            return;
        } catch (Error e) {
            // A stopped thread (an interrupted notebook cell) or a JVM in trouble: the trial did not fail on
            // its own, so its configuration deserves another worker.
            kill(claimed, run, e);
            throw e;
        }
        double value = trial.reported() ? trial.lastObjective() : latestObjective(run);
        if (!trial.reported() && Double.isNaN(value)) {
            String error = "the trial logged no value of the objective '" + objective.metric() + "'; report it with"
                    + " trial.report(\"" + objective.metric() + "\", value, step)";
            run.tag("labbook.error", error);
            run.end(RunStatus.FAILED);
            store.finish(record.id(), claimed.number(), TrialState.FAILED, Double.NaN, error, Instant.now());
            return;
        }
        run.close();
        store.finish(record.id(), claimed.number(), TrialState.COMPLETE, value, null, Instant.now());
    }

    private void kill(TrialRecord claimed, Run run, Throwable cause) {
        try {
            run.end(RunStatus.KILLED);
        } finally {
            store.finish(record.id(), claimed.number(), TrialState.KILLED, Double.NaN, describe(cause), Instant.now());
        }
    }

    private static String describe(Throwable e) {
        String text = e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    private double latestObjective(Run run) {
        run.flush();
        var summary = tracker.metricSummaries(run.id()).get(objective.metric());
        return summary == null ? Double.NaN : summary.latest();
    }

    /** Called by {@link Trial#report} for the objective: stops the trial when the pruner says so. */
    void checkPrune(Trial trial, double value, long step) {
        if (!pruner.enabled()) {
            return;
        }
        SweepStore.StepMedian median = store.report(record.id(), trial.number(), step, value);
        if (pruner.shouldPrune(objective, value, step, median.median(), median.trials())) {
            throw new TrialPruned("Trial " + trial.number() + " pruned at step " + step + ": " + objective.metric()
                    + " = " + value + " is worse than the median " + median.median() + " of " + median.trials()
                    + " completed trials at that step.");
        }
    }

    // ---- reading -----------------------------------------------------------------------------------

    public List<TrialRecord> trials() {
        return store.trials(record.id());
    }

    /** The configuration of a stored trial, with its values typed by the space. */
    public Map<String, Object> params(TrialRecord trial) {
        return Configs.decode(space, trial.config());
    }

    public Progress progress() {
        return progress(trials());
    }

    Progress progress(List<TrialRecord> trials) {
        int[] counts = new int[TrialState.values().length];
        for (TrialRecord t : trials) {
            counts[t.state().ordinal()]++;
        }
        return new Progress(name(), record.definition().budget(), counts[TrialState.COMPLETE.ordinal()],
                counts[TrialState.RUNNING.ordinal()], counts[TrialState.QUEUED.ordinal()],
                counts[TrialState.FAILED.ordinal()], counts[TrialState.PRUNED.ordinal()],
                counts[TrialState.KILLED.ordinal()], counts[TrialState.CRASHED.ordinal()], best(trials));
    }

    /** The best COMPLETE trial, ties going to the earlier one. */
    public Optional<TrialResult> best() {
        return best(trials());
    }

    private Optional<TrialResult> best(List<TrialRecord> trials) {
        Comparator<TrialRecord> byLoss = Comparator.comparingDouble(t -> objective.loss(t.objective().get()));
        return trials.stream()
                .filter(t -> t.state() == TrialState.COMPLETE && t.objective().isPresent()
                        && !Double.isNaN(t.objective().get()))
                .min(byLoss.thenComparingInt(TrialRecord::number))
                .map(t -> new TrialResult(t.number(), t.runId().orElse(""), t.objective().get(), params(t)));
    }

    public String name() {
        return record.name();
    }

    public String experiment() {
        return record.definition().experiment();
    }

    /** The sweep's own run, parent of the trials' runs. */
    public String runId() {
        return record.definition().runId();
    }

    public Space space() {
        return space;
    }

    public Objective objective() {
        return objective;
    }

    public Strategy strategy() {
        return strategy;
    }

    public Pruner pruner() {
        return pruner;
    }

    public long seed() {
        return record.definition().seed();
    }

    /** How many configurations the strategy may propose. */
    public int budget() {
        return record.definition().budget();
    }

    @Override
    public String toString() {
        return "Sweep " + name() + " (" + strategy + ", " + objective + ", " + budget() + " trials)";
    }

    /** The tracker of the static methods: the installed host's, else the default store opened on first use. */
    private static final class DefaultTracker {
        static Tracker get() {
            SweepHost installed = host;
            return installed != null ? installed.tracker() : Fallback.TRACKER;
        }
    }

    private static final class Fallback {
        private static final Tracker TRACKER = Labbook.open();
    }

    private static volatile SweepHost host;

    /**
     * Makes {@code newHost} the one that the methods without a tracker and {@link #run(TrialBody)} use,
     * until {@link #uninstall}. A notebook kernel installs one per session.
     */
    public static void install(SweepHost newHost) {
        host = Validation.required("sweep host", newHost);
    }

    /** Removes {@code installed} if it is still the host. */
    public static void uninstall(SweepHost installed) {
        if (host == installed) {
            host = null;
        }
    }

    /** How long a stopped worker waits between looks at the store; for tests. */
    static Duration pollInterval(Tracker tracker) {
        return Duration.ofMillis(Math.max(100, Math.min(2000, tracker.options().heartbeatInterval().toMillis())));
    }
}
