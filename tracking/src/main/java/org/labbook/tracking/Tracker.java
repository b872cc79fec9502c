package org.labbook.tracking;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.labbook.tracking.internal.RunNames;
import org.labbook.tracking.redact.Scrubber;
import org.labbook.tracking.spi.RunStore;
import org.labbook.tracking.spi.NewRun;
import org.labbook.tracking.spi.Validation;

/**
 * The client for one store: starts runs and answers questions about them. Open one with
 * {@link Labbook#open()}; close it when done (running runs are then ended as FINISHED).
 *
 * <p>A tracker owns a background thread that stores buffered metrics and another that refreshes the
 * heartbeats of its running runs. If the JVM exits without closing it, a shutdown hook stores what is
 * buffered and marks the runs KILLED. A process killed outright (SIGKILL) leaves its runs RUNNING with a
 * stale heartbeat; every query then reports them CRASHED.
 *
 * <p>When the store fails or hangs, logging goes on: points are kept (in memory, then in a spill file)
 * and stored once the store takes writes again; the first failure and the recovery are reported as one
 * line each on standard error. See {@link TrackerOptions} for the bounds.
 *
 * <p>Thread-safe.
 */
public final class Tracker implements AutoCloseable {
    /** How many candidates a reference lookup considers before calling it ambiguous. */
    private static final int REFERENCE_CANDIDATES = 20;

    private final RunStore store;
    private final TrackerOptions options;
    private final boolean ownsStore;
    private final BackgroundWriter writer;
    private final Heartbeats heartbeats;
    private final RunContextHooks context;
    private final Set<Run> live = ConcurrentHashMap.newKeySet();
    private final Thread shutdownHook;
    private volatile boolean closed;

    private Tracker(RunStore store, TrackerOptions options, boolean ownsStore, Consumer<String> report) {
        this.store = store;
        this.options = options;
        this.ownsStore = ownsStore;
        this.writer = new BackgroundWriter(store, options, report);
        this.heartbeats = new Heartbeats(store, options.heartbeatInterval(), this::liveRunIds);
        this.context = RunContextHooks.load(options, report);
        if (options.shutdownHook()) {
            shutdownHook = new Thread(this::onShutdown, "labbook-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } else {
            shutdownHook = null;
        }
    }

    /**
     * A tracker over an already open store. When {@code ownsStore} is true, closing the tracker closes
     * the store.
     */
    public static Tracker create(RunStore store, TrackerOptions options, boolean ownsStore) {
        // Standard error as it is at each report: in a notebook that is the running cell's output.
        return create(store, options, ownsStore, line -> System.err.println(line));
    }

    /** As {@link #create(RunStore, TrackerOptions, boolean)}, with the lines about store trouble going to {@code report}. */
    static Tracker create(RunStore store, TrackerOptions options, boolean ownsStore, Consumer<String> report) {
        return new Tracker(Validation.required("store", store), Validation.required("options", options), ownsStore,
                report);
    }

    /** Where the store is, and which rule chose it. */
    public StoreLocation location() {
        return store.location();
    }

    /** The store underneath, for calls this class does not wrap. */
    public RunStore store() {
        return store;
    }

    public TrackerOptions options() {
        return options;
    }

    BackgroundWriter writer() {
        return writer;
    }

    // ---- starting runs ---------------------------------------------------------------------------

    /**
     * Starts a RUNNING run in an experiment (created if new).
     *
     * @param name the run's name; null gives a generated one such as {@code swift-otter-042}
     */
    public Run start(String experiment, String name) {
        return newRun(experiment).name(name).start();
    }

    /** A builder for a run with a parent, a source, or initial tags. */
    public RunBuilder newRun(String experiment) {
        ensureOpen();
        return new RunBuilder(this, Validation.name("experiment name", experiment));
    }

    /** Everything {@link RunBuilder} collected; creates the run and starts logging. */
    Run start(NewRun spec) {
        ensureOpen();
        RunInfo info = store.createRun(spec);
        Run run = attach(info, Map.of());
        // Providers add the run's code, environment and CI job in the background; ending the run waits for them.
        run.contextStarted(context.started(store, info));
        return run;
    }

    /**
     * Continues a run that ended or crashed, e.g. after a kernel restart: it reads RUNNING again and
     * each metric's auto-step continues from its last step.
     */
    public Run resume(String runId) {
        return resume(runId, Force.NO);
    }

    /** As {@link #resume(String)}; {@code force} {@link Force#YES} resumes another user's run too. */
    public Run resume(String runId, Force force) {
        ensureOpen();
        for (Run run : live) {
            if (run.id().equals(runId)) {
                return run;
            }
        }
        requireOwner(runId, "resume", force);
        RunInfo info = store.reopenRun(runId, Instant.now());
        return attach(info, store.metricSummaries(runId));
    }

    private Run attach(RunInfo info, Map<String, MetricSummary> metrics) {
        Run run = new Run(this, store, info, options.bufferCapacity(), writer::wake, metrics);
        live.add(run);
        writer.register(run);
        SystemMetricsSampler.process().watch(run, options);
        return run;
    }

    RunContextHooks context() {
        return context;
    }

    void forget(Run run) {
        live.remove(run);
    }

    /** The runs this tracker is logging to right now. */
    public List<Run> liveRuns() {
        return List.copyOf(live);
    }

    private List<String> liveRunIds() {
        return live.stream().map(Run::id).toList();
    }

    /**
     * Runs {@code body} inside a new run and ends it FINISHED, or FAILED if the body throws (the error
     * is recorded in the tag {@code labbook.error} and rethrown). Prefer this to try-with-resources:
     * {@link Run#close()} cannot see an exception, so a run closed by try-with-resources reads FINISHED
     * even when its body threw.
     */
    public void run(String experiment, String name, RunBody body) {
        Run run = start(experiment, name);
        try {
            body.accept(run);
        } catch (RuntimeException | Error e) {
            run.fail(e);
            throw e;
        } catch (Exception e) {
            run.fail(e);
            throw new TrackingException("Run " + run.name() + " (" + run.id() + ") failed: " + e, e);
        }
        run.close();
    }

    /** The body of {@link #run(String, String, RunBody)}. */
    @FunctionalInterface
    public interface RunBody {
        void accept(Run run) throws Exception;
    }

    // ---- experiments ----------------------------------------------------------------------------

    public Experiment createExperiment(String name) {
        return store.createExperiment(name);
    }

    public Optional<Experiment> experiment(String name) {
        return store.findExperiment(name);
    }

    public List<Experiment> experiments() {
        return store.experiments(false);
    }

    // ---- reading runs ---------------------------------------------------------------------------

    /**
     * One run with its params, tags and metric summaries. (Named apart from
     * {@link #run(String, String, RunBody)}, which executes a run.)
     */
    public RunDetails details(String runId) {
        return store.findRun(runId).orElseThrow(() -> new NotFoundException("No run with id '"
                + Validation.shorten(runId) + "' in " + store.location().describe()
                + ". Use a full run id, or tracker.resolveRun(...) for a prefix or a name."));
    }

    /** Searches runs; see {@link RunQuery} and the filter language. */
    public RunPage runs(RunQuery query) {
        return store.search(query);
    }

    /**
     * Finds the run a user means. A reference is, in this order: {@code last} (the newest run), a full
     * run id, a run name, or a unique prefix of a run id. Names and {@code last} are looked up in
     * {@code experiment} when given, else in every experiment.
     *
     * @throws NotFoundException when nothing matches
     * @throws AmbiguousReferenceException when a name or prefix matches several runs
     */
    public RunDetails resolveRun(String reference) {
        return resolveIn(reference, Optional.empty());
    }

    /** As {@link #resolveRun(String)}, looking names and {@code last} up in {@code experiment} only. */
    public RunDetails resolveRun(String reference, String experiment) {
        return resolveIn(reference, Optional.of(Validation.required("experiment name", experiment)));
    }

    private RunDetails resolveIn(String reference, Optional<String> experiment) {
        String ref = Validation.required("run reference", reference).strip();
        if (ref.isEmpty()) {
            throw new ValidationException("Empty run reference. Give a run id, a unique id prefix, a run name, or 'last'.");
        }
        String where = experiment.map(e -> " in experiment '" + e + "'").orElse("");
        if (ref.equalsIgnoreCase("last")) {
            RunInfo latest = (experiment.isPresent() ? store.latestRun(experiment.get()) : store.latestRun()).orElseThrow(() ->
                    new NotFoundException("There are no runs" + where + " yet. Start one with %track start or tracker.start(...)."));
            return details(latest.id());
        }
        Optional<RunDetails> exact = store.findRun(ref);
        if (exact.isPresent()) {
            return exact.get();
        }
        List<RunInfo> named = experiment.isPresent()
                ? store.runsByName(ref, experiment.get(), REFERENCE_CANDIDATES)
                : store.runsByName(ref, REFERENCE_CANDIDATES);
        if (named.size() == 1) {
            return details(named.get(0).id());
        }
        if (named.size() > 1) {
            throw new AmbiguousReferenceException(ref, named.stream().map(r -> r.id() + " (" + r.experimentName() + ")").toList());
        }
        List<RunInfo> prefixed = store.runsByIdPrefix(ref, REFERENCE_CANDIDATES);
        if (experiment.isPresent()) {
            prefixed = prefixed.stream().filter(r -> r.experimentName().equals(experiment.get())).toList();
        }
        if (prefixed.size() == 1) {
            return details(prefixed.get(0).id());
        }
        if (prefixed.size() > 1) {
            throw new AmbiguousReferenceException(ref, prefixed.stream().map(RunInfo::id).toList());
        }
        throw new NotFoundException("No run matches '" + Validation.shorten(ref) + "'" + where
                + ". Give a run id, a unique id prefix, a run name, or 'last'.");
    }

    /** latest/min/max/count/last step of every metric of a run, without reading points. */
    public Map<String, MetricSummary> metricSummaries(String runId) {
        flushIfLive(List.of(runId));
        return store.metricSummaries(runId);
    }

    /** Every point of a metric, in logging order. */
    public List<MetricPoint> history(String runId, String key) {
        return history(runId, key, Integer.MAX_VALUE);
    }

    /**
     * A metric's points, downsampled in the store to at most {@code maxPoints} keeping spikes (the
     * smallest and largest value of each bucket, plus the first and last point). Points still buffered
     * by a live run of this tracker are flushed first.
     */
    public List<MetricPoint> history(String runId, String key, int maxPoints) {
        flushIfLive(List.of(runId));
        return store.history(runId, key, maxPoints);
    }

    /** {@link #history(String, String, int)} of several runs at once; runs without the key map to an empty list. */
    public Map<String, List<MetricPoint>> histories(Collection<String> runIds, String key, int maxPoints) {
        flushIfLive(runIds);
        return store.histories(runIds, key, maxPoints);
    }

    /** Stores what live runs among {@code runIds} have buffered; other runs' trouble does not get in the way. */
    private void flushIfLive(Collection<String> runIds) {
        List<String> liveOnes = null;
        for (Run run : live) {
            if (runIds.contains(run.id())) {
                liveOnes = liveOnes == null ? new ArrayList<>() : liveOnes;
                liveOnes.add(run.id());
            }
        }
        if (liveOnes != null) {
            writer.flush(liveOnes, null);
        }
    }

    public List<Note> notes(String runId) {
        return store.notes(runId);
    }

    public List<ArtifactRef> artifacts(String runId) {
        return store.artifacts(runId);
    }

    /** An artifact's content, checked against its SHA-256. */
    public byte[] readArtifact(ArtifactRef artifact) {
        return store.readArtifact(artifact);
    }

    /** Copies an artifact to a file, checked against its SHA-256. */
    public Path exportArtifact(ArtifactRef artifact, Path target) {
        return store.exportArtifact(artifact, target);
    }

    public List<DatasetInput> datasets(String runId) {
        return store.datasets(runId);
    }

    // ---- changing runs --------------------------------------------------------------------------

    /** Sets a tag on one of the current user's runs, live or not. */
    public void tag(String runId, String key, String value) {
        tag(runId, key, value, Force.NO);
    }

    /** Sets a tag on a run; {@code force} {@link Force#YES} allows another user's run. */
    public void tag(String runId, String key, String value, Force force) {
        requireOwner(runId, "tag", force);
        store.setTag(runId, scrubbed(new Tag(key, value)));
    }

    public Note note(String runId, String text) {
        return note(runId, text, Force.NO);
    }

    /** Adds a note to a run; {@code force} {@link Force#YES} allows another user's run. */
    public Note note(String runId, String text, Force force) {
        requireOwner(runId, "add a note to", force);
        return store.addNote(runId, Scrubber.standard().values(text));
    }

    /** A tag without the secret values the process has collected; see {@link Run#param}. */
    static Tag scrubbed(Tag tag) {
        String value = Scrubber.standard().values(tag.value());
        return value.equals(tag.value()) ? tag : new Tag(tag.key(), value);
    }

    /** Soft delete: the run leaves searches but keeps its data; {@link #restoreRun} brings it back. */
    public void deleteRun(String runId) {
        deleteRun(runId, Force.NO);
    }

    /** As {@link #deleteRun(String)}; {@code force} {@link Force#YES} allows another user's run. */
    public void deleteRun(String runId, Force force) {
        requireOwner(runId, "delete", force);
        if (force != Force.YES) {
            requireNoModelVersions(runId);
        }
        store.deleteRun(runId);
    }

    /** A run that registered model versions point at is kept, so that their lineage stays whole. */
    private void requireNoModelVersions(String runId) {
        List<ModelVersion> versions = store.models().versionsOfRun(runId);
        if (!versions.isEmpty()) {
            throw new RunInUseException("Cannot delete run '" + Validation.shorten(runId) + "': model versions "
                    + versions.stream().map(ModelVersion::reference).collect(java.util.stream.Collectors.joining(", "))
                    + " point at it, and their lineage needs it. To delete it anyway, add --force (in Java, pass Force.YES).");
        }
    }

    /** The model registry kept in this tracker's store. */
    public ModelRegistry models() {
        ensureOpen();
        return new ModelRegistry(this, store.models());
    }

    public void restoreRun(String runId) {
        restoreRun(runId, Force.NO);
    }

    /** Restores a deleted run; {@code force} {@link Force#YES} allows another user's run. */
    public void restoreRun(String runId, Force force) {
        requireOwner(runId, "restore", force);
        store.restoreRun(runId);
    }

    /** Records that a run crashed, e.g. one whose process vanished, so it stays CRASHED for good. */
    public void markCrashed(String runId) {
        markCrashed(runId, Force.NO);
    }

    /** As {@link #markCrashed(String)}; {@code force} {@link Force#YES} allows another user's run. */
    public void markCrashed(String runId, Force force) {
        endRun(runId, RunStatus.CRASHED, force);
    }

    /** Ends any run of the current user by id; a live run of this tracker is flushed and closed properly. */
    public void endRun(String runId, RunStatus status) {
        endRun(runId, status, Force.NO);
    }

    /**
     * Ends a run by id; {@code force} {@link Force#YES} allows another user's run. A live run of this
     * tracker was started or resumed here, so it is ended without asking again.
     */
    public void endRun(String runId, RunStatus status, Force force) {
        for (Run run : live) {
            if (run.id().equals(runId)) {
                run.end(status);
                return;
            }
        }
        requireOwner(runId, "end", force);
        store.endRun(runId, status, Instant.now());
    }

    /**
     * Refuses to change another user's run unless forced. The check is here, above every store, so that
     * SQLite and PostgreSQL stores keep the same rule; an unknown run is left to the store's own message.
     */
    private void requireOwner(String runId, String action, Force force) {
        ensureOpen();
        Validation.required("force", force);
        if (force == Force.YES) {
            return;
        }
        Optional<RunInfo> found = store.findRun(runId).map(RunDetails::info);
        if (found.isEmpty()) {
            return;
        }
        RunInfo info = found.get();
        if (!info.user().equals(options.user())) {
            throw new NotYourRunException("Cannot " + action + " run '" + info.name() + "' (" + info.id() + "): it belongs"
                    + " to user '" + info.user() + "', and you are '" + options.user() + "'. To " + action + " it anyway,"
                    + " add --force (in Java, pass Force.YES).", info.user(), options.user());
        }
    }

    // ---- closing ----------------------------------------------------------------------------------

    /**
     * Waits until every metric logged so far by any run of this tracker, and any an earlier tracker left
     * in spill files, is stored.
     *
     * @throws StoreException when the store refuses them; they stay kept and are stored once it takes
     *     writes again
     */
    public void flush() {
        writer.flush(null, null);
    }

    /**
     * Ends running runs as FINISHED, stores everything buffered, and closes the store if owned. If the
     * store fails, it keeps trying for {@link TrackerOptions#closeTimeout()}; what is still waiting then
     * goes to spill files, reported in one line, and the next tracker of the store stores it.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        BackgroundWriter.Deadline deadline = BackgroundWriter.Deadline.after(options.closeTimeout());
        try {
            endAll(RunStatus.FINISHED, deadline);
        } finally {
            closed = true;
            heartbeats.close();
            context.close();
            writer.stop(deadline);
            if (shutdownHook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException e) {
                    // The JVM is already shutting down; the hook is running or ran.
                }
            }
            if (ownsStore) {
                store.close();
            }
        }
    }

    private void endAll(RunStatus status, BackgroundWriter.Deadline deadline) {
        TrackingException first = null;
        for (Run run : List.copyOf(live)) {
            try {
                run.end(status, deadline);
            } catch (TrackingException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * The JVM is exiting with runs still open (System.exit, Ctrl-C, SIGTERM): store their buffered
     * metrics and mark them KILLED, since they did not reach their end.
     */
    private void onShutdown() {
        if (closed) {
            return;
        }
        BackgroundWriter.Deadline deadline = BackgroundWriter.Deadline.after(options.closeTimeout());
        try {
            endAll(RunStatus.KILLED, deadline);
        } catch (RuntimeException ignored) {
            // The store failed; its runs will read CRASHED after the timeout, and their points are kept below.
        } finally {
            heartbeats.close();
            // Whatever the store did not take goes to spill files, for the next tracker of this store.
            writer.stop(deadline);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new TrackingException("This tracker is closed. Open a new one with Labbook.open().");
        }
    }

    @Override
    public String toString() {
        return "Tracker for " + store.location().describe();
    }

    /** Generated name for runs started without one. */
    static String defaultRunName() {
        return RunNames.newRunName();
    }

    static String newRunId() {
        return RunNames.newRunId();
    }
}
