package org.labbook.tracking.spi;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.labbook.tracking.ArtifactRef;
import org.labbook.tracking.DatasetInput;
import org.labbook.tracking.Experiment;
import org.labbook.tracking.MetricPoint;
import org.labbook.tracking.MetricSummary;
import org.labbook.tracking.Note;
import org.labbook.tracking.Param;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.RunInfo;
import org.labbook.tracking.RunPage;
import org.labbook.tracking.RunQuery;
import org.labbook.tracking.RunStatus;
import org.labbook.tracking.StoreLocation;
import org.labbook.tracking.Tag;

/**
 * The one storage interface. Every backend (the embedded SQLite store, the PostgreSQL team store)
 * implements it and passes the same contract test suite; {@link Stores#open} picks one by URI. Most
 * code should use {@link Tracker} instead, which adds live runs, the background writer and heartbeats.
 *
 * <p>Single-item calls are defaults over batch calls, so a backend implements the batch once.
 * Every method is safe to call from several threads, and several processes may share one store.
 * Reads report a RUNNING run whose heartbeat is older than the store's crash timeout as CRASHED.
 */
public interface RunStore extends AutoCloseable {

    /** Where this store lives. */
    StoreLocation location();

    /**
     * For a store whose schema has numbered versions: the version it had when this handle opened it (0 for
     * a new store) and the one it is at now, after migrating. Empty for a store without versions.
     */
    default Optional<SchemaVersion> schemaVersion() {
        return Optional.empty();
    }

    /**
     * The store's sweeps, shared by every worker that opens this store; empty for a store without them.
     */
    default Optional<SweepStore> sweeps() {
        return Optional.empty();
    }

    // ---- experiments -------------------------------------------------------------------------

    /** Returns the experiment with this name, creating it first if needed (safe under races). */
    Experiment createExperiment(String name);

    Optional<Experiment> findExperiment(String name);

    /** All experiments, by name; deleted ones only when asked. */
    List<Experiment> experiments(boolean includeDeleted);

    void setExperimentTag(String experimentName, Tag tag);

    // ---- runs ------------------------------------------------------------------------------

    /**
     * Creates RUNNING runs (and their experiments if new) in one transaction, each with its start time as
     * first heartbeat. Imports and sweeps create many runs at once.
     */
    List<RunInfo> createRuns(List<NewRun> runs);

    default RunInfo createRun(NewRun run) {
        return createRuns(List.of(run)).get(0);
    }

    /** Logs params (write-once; see {@link ParamConflictException}) and tags in one transaction. */
    void logBatch(String runId, List<Param> params, List<Tag> tags);

    default void logParams(String runId, List<Param> params) {
        logBatch(runId, params, List.of());
    }

    default void logParam(String runId, Param param) {
        logBatch(runId, List.of(param), List.of());
    }

    default void setTags(String runId, List<Tag> tags) {
        logBatch(runId, List.of(), tags);
    }

    default void setTag(String runId, Tag tag) {
        logBatch(runId, List.of(), List.of(tag));
    }

    void deleteTag(String runId, String key);

    /** Appends metric points of any number of runs and keys in one transaction. */
    void appendMetrics(List<MetricColumns> batch);

    /**
     * {@link #appendMetrics} for points their writer numbered, in one transaction: points whose numbers
     * the store has already stored for that writer, run and key are skipped, so a batch sent again after
     * a lost commit acknowledgement is stored once. A store that keeps no numbers stores every point.
     */
    default void appendNumberedMetrics(List<NumberedColumns> batch) {
        appendMetrics(batch.stream().map(NumberedColumns::columns).toList());
    }

    default void logMetric(String runId, MetricPoint point) {
        appendMetrics(List.of(MetricColumns.of(runId, point)));
    }

    Note addNote(String runId, String text);

    List<Note> notes(String runId);

    /** Stores a file's content (once per distinct content) and attaches it to the run under {@code name}. */
    ArtifactRef putArtifact(String runId, String name, Path file);

    ArtifactRef putArtifact(String runId, String name, byte[] content);

    List<ArtifactRef> artifacts(String runId);

    /** Reads an artifact's content, checked against its SHA-256. */
    byte[] readArtifact(ArtifactRef artifact);

    /** Copies an artifact's content to {@code target}, checked against its SHA-256; returns the target. */
    Path exportArtifact(ArtifactRef artifact, Path target);

    void addDataset(String runId, DatasetInput dataset);

    List<DatasetInput> datasets(String runId);

    /** Refreshes the heartbeat of these runs (one transaction). */
    void heartbeat(Collection<String> runIds, Instant now);

    /** Ends a run: sets its status and end time. */
    void endRun(String runId, RunStatus status, Instant endTime);

    /** Sets a RUNNING run back to RUNNING with a fresh heartbeat, e.g. after a kernel restart. */
    RunInfo reopenRun(String runId, Instant now);

    /** Soft delete: the run disappears from searches but can be restored. */
    void deleteRun(String runId);

    void restoreRun(String runId);

    // ---- reads -----------------------------------------------------------------------------

    Optional<RunDetails> findRun(String runId);

    /** Runs whose id starts with {@code prefix}, at most {@code limit}. */
    List<RunInfo> runsByIdPrefix(String prefix, int limit);

    /** Runs with exactly this name, in every experiment, newest first, at most {@code limit}. */
    List<RunInfo> runsByName(String name, int limit);

    /** Runs with exactly this name in experiment {@code experimentName}, newest first, at most {@code limit}. */
    List<RunInfo> runsByName(String name, String experimentName, int limit);

    /** The most recently started run of any experiment. */
    Optional<RunInfo> latestRun();

    /** The most recently started run of experiment {@code experimentName}. */
    Optional<RunInfo> latestRun(String experimentName);

    /** Searches runs with the query language; see {@link RunQuery}. */
    RunPage search(RunQuery query);

    Map<String, MetricSummary> metricSummaries(String runId);

    /**
     * Reads a metric's points in logging order, downsampled in the store to at most {@code maxPoints}
     * when there are more: per bucket of consecutive points the smallest and the largest value are
     * kept (so spikes survive), plus the first and the last point.
     */
    List<MetricPoint> history(String runId, String key, int maxPoints);

    /** {@link #history} for several runs (the compare view). Runs without the key map to an empty list. */
    default Map<String, List<MetricPoint>> histories(Collection<String> runIds, String key, int maxPoints) {
        Map<String, List<MetricPoint>> result = new java.util.LinkedHashMap<>();
        for (String runId : runIds) {
            result.put(runId, history(runId, key, maxPoints));
        }
        return result;
    }

    /**
     * The model registry kept in this store. A store without one refuses with a {@link
     * org.labbook.tracking.StoreException}.
     */
    default ModelStore models() {
        throw new org.labbook.tracking.StoreException("The store " + location().redacted()
                + " keeps no model registry. Use the embedded or the PostgreSQL store.");
    }

    /** Closes connections. Does not end runs. */
    @Override
    void close();
}
