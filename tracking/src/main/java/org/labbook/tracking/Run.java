package org.labbook.tracking;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.labbook.tracking.internal.Datasets;
import org.labbook.tracking.redact.Scrubber;
import org.labbook.tracking.spi.RunStore;
import org.labbook.tracking.spi.Validation;

/**
 * A live run that this process is logging to. Get one from {@link Tracker#run(String, String, Tracker.RunBody)},
 * which ends it FINISHED, or FAILED with the error when the body throws:
 *
 * <pre>{@code
 * tracker.run("fraud/baseline", "lr-sweep-v2", run -> {
 *     run.params(Map.of("lr", 0.001, "batch", 64));
 *     for (int epoch = 0; epoch < 50; epoch++) run.metric("val_loss", loss, epoch);
 *     run.artifact(Path.of("model.bin"), "model.bin");
 * });
 * }</pre>
 *
 * <p>A run from {@link Tracker#start} used in try-with-resources records FINISHED even when the body
 * throws, because {@link #close()} cannot see the exception; call {@link #fail(Throwable)} in a catch
 * block to record FAILED.
 *
 * <p>{@link #metric} never touches the disk: points go into this run's buffer and a background thread
 * stores them in batches at least every flush interval. {@link #flush} waits for them. Params, tags,
 * notes, artifacts and datasets are stored before their call returns, so mistakes (a conflicting param)
 * surface right where they were made.
 *
 * <p>A Run may be used from several threads.
 */
public final class Run implements AutoCloseable {
    private final Tracker tracker;
    private final RunStore store;
    private final RunInfo started;
    private final MetricBuffer buffer;
    private final Map<String, MetricBuffer.Key> keys = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();
    private volatile RunStatus endedWith;
    private volatile CompletableFuture<Void> contextStarted = CompletableFuture.completedFuture(null);

    Run(Tracker tracker, RunStore store, RunInfo info, int bufferCapacity, Runnable wakeWriter,
        Map<String, MetricSummary> existingMetrics) {
        this.tracker = tracker;
        this.store = store;
        this.started = info;
        this.buffer = new MetricBuffer(bufferCapacity, wakeWriter);
        // A resumed run continues each key's auto-step where it stopped.
        existingMetrics.forEach((key, summary) ->
                keys.put(key, new MetricBuffer.Key(key, keys.size(), summary.lastStep())));
    }

    /** The run's id: random, URL-safe, 32 hex digits. Any unique prefix finds it too. */
    public String id() {
        return started.id();
    }

    public String name() {
        return started.name();
    }

    public String experiment() {
        return started.experimentName();
    }

    /** The run's facts as the store has them now (status, heartbeat, end time). */
    public RunInfo info() {
        return tracker.details(id()).info();
    }

    /** Whether this handle can still log: not yet ended. */
    public boolean isActive() {
        return endedWith == null;
    }

    MetricBuffer buffer() {
        return buffer;
    }

    // ---- params, tags, notes -------------------------------------------------------------------

    /** Logs one param; see {@link #params}. */
    public Run param(String key, Object value) {
        ensureActive();
        store.logParam(id(), scrubbed(Param.of(key, value)));
        return this;
    }

    /**
     * Logs params in one batch. Values are stored as text ({@code 0.001}, {@code 64}, {@code true}).
     * Params are write-once: the same value again is fine, another value throws
     * {@link ParamConflictException} quoting both, and nothing of the batch is stored.
     */
    public Run params(Map<String, ?> params) {
        ensureActive();
        List<Param> list = new ArrayList<>(params.size());
        params.forEach((key, value) -> list.add(scrubbed(Param.of(key, value))));
        store.logParams(id(), list);
        return this;
    }

    /** Sets a tag; tags can be overwritten. */
    public Run tag(String key, String value) {
        ensureActive();
        store.setTag(id(), Tracker.scrubbed(new Tag(key, value)));
        return this;
    }

    public Run tags(Map<String, String> tags) {
        ensureActive();
        List<Tag> list = new ArrayList<>(tags.size());
        tags.forEach((key, value) -> list.add(Tracker.scrubbed(new Tag(key, value))));
        store.setTags(id(), list);
        return this;
    }

    /** Appends free text to the run, e.g. an observation. */
    public Note note(String text) {
        ensureActive();
        return store.addNote(id(), Scrubber.standard().values(text));
    }

    /**
     * A param without the secret values the process has collected (a notebook variable such as
     * {@code dbPassword} logged as a param, a token pasted into a value). Only collected values and known
     * credential formats are removed, not values under secret-looking names: {@code max_tokens=512} stays.
     */
    private static Param scrubbed(Param param) {
        String value = Scrubber.standard().values(param.value());
        return value.equals(param.value()) ? param : new Param(param.key(), value);
    }

    /** The run context providers' start hooks, running in the background. */
    void contextStarted(CompletableFuture<Void> pending) {
        contextStarted = pending;
    }

    // ---- metrics -------------------------------------------------------------------------------

    /**
     * Logs a metric value at a step. Returns at once: the point is buffered and stored by the
     * background writer. NaN and infinities are kept. When the buffer is full this call waits for the
     * writer instead of dropping the point. While the store fails, points are kept aside and stored
     * later; only once {@link TrackerOptions#maxWaitingPoints()} wait does this throw a
     * {@link StoreException}, at once.
     */
    public void metric(String key, double value, long step) {
        MetricBuffer.Key k = key(key);
        buffer.add(k, step, System.currentTimeMillis(), value);
    }

    /** Logs a metric value at the key's next step: 0 for the first value, then last step + 1. */
    public void metric(String key, double value) {
        MetricBuffer.Key k = key(key);
        buffer.addNext(k, System.currentTimeMillis(), value);
    }

    /** Logs several metrics at one step, e.g. {@code Map.of("loss", 0.3, "acc", 0.91)}. */
    public void metrics(Map<String, ? extends Number> values, long step) {
        long now = System.currentTimeMillis();
        values.forEach((key, value) -> buffer.add(key(key), step, now, toDouble(key, value)));
    }

    /** Logs several metrics, each at its own next step. */
    public void metrics(Map<String, ? extends Number> values) {
        long now = System.currentTimeMillis();
        values.forEach((key, value) -> buffer.addNext(key(key), now, toDouble(key, value)));
    }

    private static double toDouble(String key, Number value) {
        if (value == null) {
            throw new ValidationException("Invalid metric value for '" + key + "': it is null. Log a number.");
        }
        return value.doubleValue();
    }

    private MetricBuffer.Key key(String key) {
        MetricBuffer.Key k = keys.get(key);
        if (k == null) {
            k = register(key);
        }
        if (endedWith != null) {
            throw ended();
        }
        return k;
    }

    private MetricBuffer.Key register(String key) {
        // Validated once per key, not per point: that keeps metric() cheap.
        Validation.key("metric key", key);
        synchronized (keys) {
            return keys.computeIfAbsent(key, name -> new MetricBuffer.Key(name, keys.size(), Long.MIN_VALUE));
        }
    }

    /**
     * Waits until every metric logged so far to this run is in the store.
     *
     * @throws StoreException when the store refuses them; they stay kept and are stored once it takes
     *     writes again, so logging may go on
     */
    public void flush() {
        tracker.writer().flush(List.of(id()), null);
    }

    // ---- artifacts and datasets --------------------------------------------------------------------

    /** Attaches a file under its own file name. */
    public ArtifactRef artifact(Path file) {
        Path fileName = file.getFileName();
        if (fileName == null) {
            throw new ValidationException("Invalid artifact path '" + file + "': it has no file name. Give a file path.");
        }
        return artifact(file, fileName.toString());
    }

    /** Attaches a file under a relative name such as {@code models/best.bin}. */
    public ArtifactRef artifact(Path file, String name) {
        ensureActive();
        return store.putArtifact(id(), name, file);
    }

    /** Attaches bytes under a relative name. */
    public ArtifactRef artifact(byte[] content, String name) {
        ensureActive();
        return store.putArtifact(id(), name, content);
    }

    /** Records a dataset input named after its file or folder; see {@link #dataset(Path, String)}. */
    public DatasetInput dataset(Path path) {
        Path fileName = path.toAbsolutePath().normalize().getFileName();
        return dataset(path, fileName == null ? "dataset" : fileName.toString());
    }

    /** Records that this run read a dataset: its location, SHA-256 digest, size, and CSV shape. */
    public DatasetInput dataset(Path path, String name) {
        ensureActive();
        Validation.key("dataset name", name);
        DatasetInput dataset = Datasets.describe(path, name);
        store.addDataset(id(), dataset);
        return dataset;
    }

    // ---- nesting and ending ----------------------------------------------------------------------

    /** Starts a run nested under this one, in the same experiment. */
    public Run startChild(String name) {
        ensureActive();
        return tracker.newRun(experiment()).name(name).parent(id()).start();
    }

    /**
     * Ends the run with a status after storing every buffered metric. Ending twice is a no-op. If the
     * store does not take the metrics within {@link TrackerOptions#closeTimeout()}, the run still ends and
     * a {@link StoreException} says so; the metrics stay kept and are stored once the store takes writes.
     */
    public void end(RunStatus status) {
        end(status, BackgroundWriter.Deadline.after(tracker.options().closeTimeout()));
    }

    void end(RunStatus status, BackgroundWriter.Deadline deadline) {
        Validation.required("run status", status);
        if (status == RunStatus.RUNNING) {
            throw new ValidationException("Cannot end run " + id() + " with status RUNNING. Use FINISHED, FAILED or KILLED.");
        }
        if (endedWith == null) {
            // While the run still takes metrics: a run shorter than one tick still gets its first sample.
            SystemMetricsSampler.process().unwatch(this);
        }
        synchronized (lifecycle) {
            if (endedWith != null) {
                return;
            }
            endedWith = status;
        }
        // Before the last flush: what providers add at the end (and the start hooks still running) lands first.
        tracker.context().ended(store, started, contextStarted, status, deadline.atNanos());
        TrackingException notStored = null;
        try {
            tracker.writer().flush(List.of(id()), deadline);
        } catch (TrackingException e) {
            notStored = e;
        }
        try {
            // What the flush could not store stays queued behind the run, in order.
            tracker.writer().retire(this);
            buffer.close();
            store.endRun(id(), status, Instant.now());
        } catch (RuntimeException e) {
            if (notStored == null) {
                throw e;
            }
            notStored.addSuppressed(e);
        } finally {
            tracker.forget(this);
        }
        if (notStored != null) {
            throw notStored;
        }
    }

    /**
     * Ends the run as FAILED and records why: the error's type and message go into the tag
     * {@code labbook.error}. Use it in a catch block around a try-with-resources body.
     */
    public void fail(Throwable error) {
        if (endedWith == null && error != null) {
            try {
                String text = error.getClass().getName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
                store.setTag(id(), new Tag("labbook.error", text.length() > Validation.MAX_TAG_VALUE_LENGTH
                        ? text.substring(0, Validation.MAX_TAG_VALUE_LENGTH) : text));
            } catch (TrackingException ignored) {
                // Recording the reason is best effort; ending the run as FAILED is what matters.
            }
        }
        end(RunStatus.FAILED);
    }

    /** Ends the run as FINISHED unless it already ended (e.g. with {@link #fail}). */
    @Override
    public void close() {
        end(RunStatus.FINISHED);
    }

    private void ensureActive() {
        if (endedWith != null) {
            throw ended();
        }
    }

    private TrackingException ended() {
        return new TrackingException("Run " + name() + " (" + id() + ") has ended (" + endedWith
                + "); nothing more can be logged to it. Start a new run, or resume it with tracker.resume(id).");
    }

    @Override
    public String toString() {
        return "Run " + name() + " (" + id() + ") in " + experiment();
    }
}
