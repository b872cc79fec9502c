package org.labbook.tracking.internal.jdbc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.labbook.tracking.ArtifactRef;
import org.labbook.tracking.DatasetInput;
import org.labbook.tracking.Experiment;
import org.labbook.tracking.MetricPoint;
import org.labbook.tracking.MetricSummary;
import org.labbook.tracking.NotFoundException;
import org.labbook.tracking.Note;
import org.labbook.tracking.Param;
import org.labbook.tracking.ParamConflictException;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.RunInfo;
import org.labbook.tracking.RunPage;
import org.labbook.tracking.RunQuery;
import org.labbook.tracking.RunSource;
import org.labbook.tracking.RunStatus;
import org.labbook.tracking.StoreException;
import org.labbook.tracking.StoreLocation;
import org.labbook.tracking.Tag;
import org.labbook.tracking.ValidationException;
import org.labbook.tracking.internal.RunNames;
import org.labbook.tracking.spi.MetricColumns;
import org.labbook.tracking.spi.ModelStore;
import org.labbook.tracking.spi.NewRun;
import org.labbook.tracking.spi.NumberedColumns;
import org.labbook.tracking.spi.RunStore;
import org.labbook.tracking.spi.SchemaVersion;
import org.labbook.tracking.spi.SweepStore;
import org.labbook.tracking.spi.Validation;

/**
 * The store core every SQL database shares: experiments, runs, params, tags, notes, artifact and dataset
 * records, the chunked metric writer ({@link MetricChunkWriter}) and the reads ({@link RunReads}), all in
 * SQL that every supported database understands. What differs per database comes from its
 * {@link Dialect} (spellings, limits, schema migrations) and its {@link Transactor} (connections,
 * locking, retries); artifact content from a {@link BlobStore}.
 */
public final class JdbcRunStore implements RunStore {
    private final StoreLocation location;
    private final Dialect dialect;
    private final Transactor tx;
    private final BlobStore blobs;
    private final RunReads reads;
    private final SchemaVersion schemaVersion;
    private final JdbcModelStore models;
    private final JdbcSweepStore sweeps;

    private JdbcRunStore(StoreLocation location, Duration crashTimeout, Dialect dialect, Transactor tx, BlobStore blobs,
                         SchemaVersion schemaVersion) {
        this.location = location;
        this.schemaVersion = schemaVersion;
        this.dialect = dialect;
        this.tx = tx;
        this.blobs = blobs;
        this.reads = new RunReads(dialect, tx, crashTimeout);
        this.models = new JdbcModelStore(dialect, tx);
        this.sweeps = new JdbcSweepStore(tx, crashTimeout);
    }

    /**
     * A store over a database reached through {@code tx}, its schema migrated to this build's version
     * first. The store owns the transactor: closing the store closes it.
     */
    public static JdbcRunStore open(StoreLocation location, Duration crashTimeout, Dialect dialect, Transactor tx,
                                    BlobStore blobs) {
        Migrations migrations = new Migrations(dialect);
        // A store already at this version opens with one read: no write lock taken, and a user who may
        // only read can open it.
        int found = tx.read("read the schema version", migrations::currentVersion);
        if (found < migrations.latestVersion()) {
            // Another client may have migrated meanwhile; what this one found under the lock counts.
            found = tx.write("create the schema", migrations::migrate);
        }
        return new JdbcRunStore(location, crashTimeout, dialect, tx, blobs,
                new SchemaVersion(found, migrations.latestVersion()));
    }

    @Override
    public StoreLocation location() {
        return location;
    }

    @Override
    public Optional<SchemaVersion> schemaVersion() {
        return Optional.of(schemaVersion);
    }

    @Override
    public ModelStore models() {
        return models;
    }

    @Override
    public Optional<SweepStore> sweeps() {
        return Optional.of(sweeps);
    }

    @Override
    public void close() {
        tx.close();
    }

    // ---- experiments ------------------------------------------------------------------------------

    @Override
    public Experiment createExperiment(String name) {
        Validation.name("experiment name", name);
        return tx.write("create experiment '" + name + "'", c -> ensureExperiment(c, name));
    }

    private Experiment ensureExperiment(Connection c, String name) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                dialect.upsert("experiments", List.of("name"), List.of("experiment_id", "name", "created_at"), false))) {
            insert.setString(1, RunNames.newRunId().substring(0, 16));
            insert.setString(2, name);
            insert.setLong(3, System.currentTimeMillis());
            insert.executeUpdate();
        }
        return loadExperiment(c, name).orElseThrow();
    }

    private Optional<Experiment> loadExperiment(Connection c, String name) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT experiment_id, name, created_at, deleted FROM experiments WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String id = rs.getString(1);
                return Optional.of(new Experiment(id, rs.getString(2), experimentTags(c, id),
                        Instant.ofEpochMilli(rs.getLong(3)), rs.getInt(4) != 0));
            }
        }
    }

    private static Map<String, String> experimentTags(Connection c, String experimentId) throws SQLException {
        Map<String, String> tags = new TreeMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT key, value FROM experiment_tags WHERE experiment_id = ?")) {
            select.setString(1, experimentId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    tags.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return tags;
    }

    @Override
    public Optional<Experiment> findExperiment(String name) {
        return tx.read("read experiment '" + Validation.shorten(name) + "'", c -> loadExperiment(c, name));
    }

    @Override
    public List<Experiment> experiments(boolean includeDeleted) {
        return tx.read("list experiments", c -> {
            List<Experiment> result = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT experiment_id, name, created_at, deleted FROM experiments WHERE deleted = 0 OR ? ORDER BY name")) {
                select.setBoolean(1, includeDeleted);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString(1);
                        result.add(new Experiment(id, rs.getString(2), experimentTags(c, id),
                                Instant.ofEpochMilli(rs.getLong(3)), rs.getInt(4) != 0));
                    }
                }
            }
            return result;
        });
    }

    @Override
    public void setExperimentTag(String experimentName, Tag tag) {
        Validation.name("experiment name", experimentName);
        tx.write("tag experiment '" + experimentName + "'", c -> {
            Experiment experiment = ensureExperiment(c, experimentName);
            try (PreparedStatement upsert = c.prepareStatement(dialect.upsert("experiment_tags", List.of("experiment_id", "key"),
                    List.of("experiment_id", "key", "value"), true))) {
                upsert.setString(1, experiment.id());
                upsert.setString(2, tag.key());
                upsert.setString(3, tag.value());
                upsert.executeUpdate();
            }
            return null;
        });
    }

    // ---- runs ---------------------------------------------------------------------------------------

    @Override
    public List<RunInfo> createRuns(List<NewRun> runs) {
        if (runs.isEmpty()) {
            return List.of();
        }
        return tx.write("create " + (runs.size() == 1 ? "run '" + runs.get(0).name() + "'" : runs.size() + " runs"), c -> {
            Map<String, Experiment> experiments = new HashMap<>();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO runs (run_id, name, experiment_id, status,"
                    + " start_time, user_name, parent_run_id, notebook_path, kernel_session, entry_point, git_commit, heartbeat)"
                    + " VALUES (?, ?, ?, 'RUNNING', ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (NewRun run : runs) {
                    Experiment experiment = experiments.get(run.experimentName());
                    if (experiment == null) {
                        experiment = ensureExperiment(c, run.experimentName());
                        experiments.put(run.experimentName(), experiment);
                    }
                    if (run.parentRunId() != null) {
                        RunReads.requireRun(c, run.parentRunId());
                    }
                    RunSource source = run.source();
                    insert.setString(1, run.id());
                    insert.setString(2, run.name());
                    insert.setString(3, experiment.id());
                    insert.setLong(4, run.startTime().toEpochMilli());
                    insert.setString(5, run.user());
                    insert.setString(6, run.parentRunId());
                    insert.setString(7, source.notebookPath());
                    insert.setString(8, source.kernelSession());
                    insert.setString(9, source.entryPoint());
                    insert.setString(10, source.gitCommit());
                    insert.setLong(11, run.startTime().toEpochMilli());
                    insert.executeUpdate();
                    upsertTags(c, run.id(), run.tags());
                }
            }
            List<RunInfo> created = new ArrayList<>(runs.size());
            for (NewRun run : runs) {
                created.add(reads.loadRunInfo(c, run.id()).orElseThrow());
            }
            return created;
        });
    }

    @Override
    public void logBatch(String runId, List<Param> params, List<Tag> tags) {
        if (params.isEmpty() && tags.isEmpty()) {
            return;
        }
        // A batch that repeats a key with two values is rejected before anything is written.
        Map<String, String> seen = new HashMap<>();
        for (Param param : params) {
            String previous = seen.putIfAbsent(param.key(), param.value());
            if (previous != null && !previous.equals(param.value())) {
                throw new ParamConflictException(runId, param.key(), previous, param.value());
            }
        }
        tx.write("log params and tags for run " + runId, c -> {
            RunReads.requireRun(c, runId);
            try (PreparedStatement insert = c.prepareStatement(
                         dialect.upsert("params", List.of("run_id", "key"), List.of("run_id", "key", "value"), false));
                 PreparedStatement existing = c.prepareStatement("SELECT value FROM params WHERE run_id = ? AND key = ?")) {
                for (Param param : params) {
                    insert.setString(1, runId);
                    insert.setString(2, param.key());
                    insert.setString(3, param.value());
                    if (insert.executeUpdate() == 0) {
                        existing.setString(1, runId);
                        existing.setString(2, param.key());
                        try (ResultSet rs = existing.executeQuery()) {
                            rs.next();
                            String old = rs.getString(1);
                            if (!old.equals(param.value())) {
                                throw new ParamConflictException(runId, param.key(), old, param.value());
                            }
                        }
                    }
                }
            }
            upsertTags(c, runId, tags);
            return null;
        });
    }

    private void upsertTags(Connection c, String runId, List<Tag> tags) throws SQLException {
        if (tags.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = c.prepareStatement(dialect.upsert("tags", List.of("run_id", "key"),
                List.of("run_id", "key", "value"), true))) {
            for (Tag tag : tags) {
                upsert.setString(1, runId);
                upsert.setString(2, tag.key());
                upsert.setString(3, tag.value());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    @Override
    public void deleteTag(String runId, String key) {
        tx.write("delete tag '" + Validation.shorten(key) + "' of run " + runId, c -> {
            RunReads.requireRun(c, runId);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM tags WHERE run_id = ? AND key = ?")) {
                delete.setString(1, runId);
                delete.setString(2, key);
                if (delete.executeUpdate() == 0) {
                    throw new NotFoundException("Run " + runId + " has no tag '" + Validation.shorten(key) + "'.");
                }
            }
            return null;
        });
    }

    @Override
    public Note addNote(String runId, String text) {
        Validation.value("note", "text", text, Validation.MAX_NOTE_LENGTH);
        return tx.write("add a note to run " + runId, c -> {
            RunReads.requireRun(c, runId);
            long now = System.currentTimeMillis();
            long seq;
            try (PreparedStatement next = c.prepareStatement("SELECT coalesce(max(seq), 0) + 1 FROM notes WHERE run_id = ?")) {
                next.setString(1, runId);
                try (ResultSet rs = next.executeQuery()) {
                    rs.next();
                    seq = rs.getLong(1);
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO notes (run_id, seq, text, created_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, runId);
                insert.setLong(2, seq);
                insert.setString(3, text);
                insert.setLong(4, now);
                insert.executeUpdate();
            }
            return new Note(runId, seq, text, Instant.ofEpochMilli(now));
        });
    }

    @Override
    public List<Note> notes(String runId) {
        return tx.read("read notes of run " + runId, c -> {
            RunReads.requireRun(c, runId);
            List<Note> notes = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT seq, text, created_at FROM notes WHERE run_id = ? ORDER BY seq")) {
                select.setString(1, runId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        notes.add(new Note(runId, rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3))));
                    }
                }
            }
            return notes;
        });
    }

    // ---- artifacts and datasets ---------------------------------------------------------------------

    @Override
    public ArtifactRef putArtifact(String runId, String name, Path file) {
        Validation.key("artifact name", name);
        requireRunExists(runId);
        BlobStore.Stored stored;
        try (InputStream in = Files.newInputStream(file)) {
            stored = blobs.put(in);
        } catch (NoSuchFileException e) {
            throw new ValidationException("Artifact file " + file.toAbsolutePath() + " does not exist. Give the path of an existing file.");
        } catch (IOException e) {
            throw new StoreException("Cannot read artifact file " + file + ": " + e.getMessage(), e);
        }
        return recordArtifact(runId, name, stored);
    }

    @Override
    public ArtifactRef putArtifact(String runId, String name, byte[] content) {
        Validation.key("artifact name", name);
        Validation.required("artifact content", content);
        requireRunExists(runId);
        return recordArtifact(runId, name, blobs.put(new ByteArrayInputStream(content)));
    }

    private ArtifactRef recordArtifact(String runId, String name, BlobStore.Stored stored) {
        long now = System.currentTimeMillis();
        tx.write("record artifact '" + name + "' of run " + runId, c -> {
            RunReads.requireRun(c, runId);
            try (PreparedStatement upsert = c.prepareStatement(dialect.upsert("artifacts", List.of("run_id", "name"),
                    List.of("run_id", "name", "sha256", "size", "created_at"), true))) {
                upsert.setString(1, runId);
                upsert.setString(2, name);
                upsert.setString(3, stored.sha256());
                upsert.setLong(4, stored.size());
                upsert.setLong(5, now);
                upsert.executeUpdate();
            }
            return null;
        });
        return new ArtifactRef(runId, name, stored.sha256(), stored.size(), Instant.ofEpochMilli(now));
    }

    @Override
    public List<ArtifactRef> artifacts(String runId) {
        return tx.read("list artifacts of run " + runId, c -> {
            RunReads.requireRun(c, runId);
            List<ArtifactRef> result = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT name, sha256, size, created_at FROM artifacts WHERE run_id = ? ORDER BY name")) {
                select.setString(1, runId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        result.add(new ArtifactRef(runId, rs.getString(1), rs.getString(2), rs.getLong(3),
                                Instant.ofEpochMilli(rs.getLong(4))));
                    }
                }
            }
            return result;
        });
    }

    @Override
    public byte[] readArtifact(ArtifactRef artifact) {
        return blobs.read(artifact.sha256(), artifact.size());
    }

    @Override
    public Path exportArtifact(ArtifactRef artifact, Path target) {
        return blobs.export(artifact.sha256(), artifact.size(), target);
    }

    @Override
    public void addDataset(String runId, DatasetInput dataset) {
        tx.write("record dataset '" + dataset.name() + "' of run " + runId, c -> {
            RunReads.requireRun(c, runId);
            try (PreparedStatement upsert = c.prepareStatement(dialect.upsert("datasets", List.of("run_id", "name"),
                    List.of("run_id", "name", "location", "sha256", "size", "rows", "columns"), true))) {
                upsert.setString(1, runId);
                upsert.setString(2, dataset.name());
                upsert.setString(3, dataset.location());
                upsert.setString(4, dataset.sha256());
                upsert.setLong(5, dataset.size());
                upsert.setLong(6, dataset.rows());
                upsert.setInt(7, dataset.columns());
                upsert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<DatasetInput> datasets(String runId) {
        return tx.read("list datasets of run " + runId, c -> {
            RunReads.requireRun(c, runId);
            List<DatasetInput> result = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT name, location, sha256, size, rows, columns FROM datasets WHERE run_id = ? ORDER BY name")) {
                select.setString(1, runId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        result.add(new DatasetInput(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                                rs.getLong(5), rs.getInt(6)));
                    }
                }
            }
            return result;
        });
    }

    // ---- lifecycle ------------------------------------------------------------------------------

    @Override
    public void heartbeat(Collection<String> runIds, Instant now) {
        if (runIds.isEmpty()) {
            return;
        }
        tx.write("refresh heartbeats", c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE runs SET heartbeat = ? WHERE run_id = ? AND status = 'RUNNING'")) {
                for (String runId : runIds) {
                    update.setLong(1, now.toEpochMilli());
                    update.setString(2, runId);
                    update.addBatch();
                }
                update.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void endRun(String runId, RunStatus status, Instant endTime) {
        if (status == RunStatus.RUNNING) {
            throw new ValidationException("Cannot end run " + runId + " with status RUNNING. Use FINISHED, FAILED, KILLED or CRASHED.");
        }
        tx.write("end run " + runId, c -> {
            RunReads.requireRun(c, runId);
            try (PreparedStatement update = c.prepareStatement("UPDATE runs SET status = ?, end_time = ? WHERE run_id = ?")) {
                update.setString(1, status.name());
                update.setLong(2, endTime.toEpochMilli());
                update.setString(3, runId);
                update.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public RunInfo reopenRun(String runId, Instant now) {
        return tx.write("reopen run " + runId, c -> {
            RunReads.requireRun(c, runId);
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE runs SET status = 'RUNNING', end_time = NULL, heartbeat = ? WHERE run_id = ?")) {
                update.setLong(1, now.toEpochMilli());
                update.setString(2, runId);
                update.executeUpdate();
            }
            return reads.loadRunInfo(c, runId).orElseThrow();
        });
    }

    @Override
    public void deleteRun(String runId) {
        setDeleted(runId, true);
    }

    @Override
    public void restoreRun(String runId) {
        setDeleted(runId, false);
    }

    private void setDeleted(String runId, boolean deleted) {
        tx.write((deleted ? "delete" : "restore") + " run " + runId, c -> {
            RunReads.requireRun(c, runId);
            try (PreparedStatement update = c.prepareStatement("UPDATE runs SET deleted = ? WHERE run_id = ?")) {
                update.setInt(1, deleted ? 1 : 0);
                update.setString(2, runId);
                update.executeUpdate();
            }
            return null;
        });
    }

    private void requireRunExists(String runId) {
        tx.read("find run " + runId, c -> {
            RunReads.requireRun(c, runId);
            return null;
        });
    }

    // ---- metrics: writing -------------------------------------------------------------------------

    @Override
    public void appendMetrics(List<MetricColumns> batch) {
        if (batch.isEmpty()) {
            return;
        }
        tx.write("write " + batch.size() + " metric series", c -> {
            LinkedHashSet<String> runIds = new LinkedHashSet<>();
            for (MetricColumns columns : batch) {
                runIds.add(columns.runId());
            }
            for (String runId : runIds) {
                RunReads.requireRun(c, runId);
            }
            try (MetricChunkWriter metricWriter = new MetricChunkWriter(c, dialect)) {
                for (MetricColumns columns : batch) {
                    if (columns.size() > 0) {
                        metricWriter.append(columns);
                    }
                }
            }
            return null;
        });
    }

    /**
     * Reads the writer's marks of the runs and keys in the batch, stores only the points beyond them and
     * moves the marks to the end of the batch, all in one transaction: either the points and their marks
     * are committed together or neither is, so a retried batch finds exactly what it already stored.
     */
    @Override
    public void appendNumberedMetrics(List<NumberedColumns> batch) {
        if (batch.isEmpty()) {
            return;
        }
        tx.write("write " + batch.size() + " metric series", c -> {
            LinkedHashSet<String> runIds = new LinkedHashSet<>();
            for (NumberedColumns numbered : batch) {
                runIds.add(numbered.columns().runId());
            }
            for (String runId : runIds) {
                RunReads.requireRun(c, runId);
            }
            Map<List<String>, Long> marks = new HashMap<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT through FROM metric_marks WHERE run_id = ? AND writer_id = ? AND key = ?")) {
                for (NumberedColumns numbered : batch) {
                    List<String> mark = markOf(numbered);
                    if (!marks.containsKey(mark)) {
                        select.setString(1, mark.get(0));
                        select.setString(2, mark.get(1));
                        select.setString(3, mark.get(2));
                        try (ResultSet rs = select.executeQuery()) {
                            marks.put(mark, rs.next() ? rs.getLong(1) : 0L);
                        }
                    }
                }
            }
            Map<List<String>, Long> before = new HashMap<>(marks);
            try (MetricChunkWriter metricWriter = new MetricChunkWriter(c, dialect)) {
                for (NumberedColumns numbered : batch) {
                    List<String> mark = markOf(numbered);
                    long through = marks.get(mark);
                    MetricColumns columns = numbered.columns();
                    // Points numbered below the mark are stored already; a gap above it (points the
                    // writer lost) is stored as it comes.
                    int skip = (int) Math.max(0, Math.min(columns.size(), through - numbered.first()));
                    if (skip < columns.size()) {
                        metricWriter.append(skip == 0 ? columns : tail(columns, skip));
                    }
                    marks.put(mark, Math.max(through, numbered.through()));
                }
            }
            try (PreparedStatement upsert = c.prepareStatement(dialect.upsert("metric_marks",
                    List.of("run_id", "writer_id", "key"), List.of("run_id", "writer_id", "key", "through"), true))) {
                for (Map.Entry<List<String>, Long> mark : marks.entrySet()) {
                    if (!mark.getValue().equals(before.get(mark.getKey()))) {
                        upsert.setString(1, mark.getKey().get(0));
                        upsert.setString(2, mark.getKey().get(1));
                        upsert.setString(3, mark.getKey().get(2));
                        upsert.setLong(4, mark.getValue());
                        upsert.addBatch();
                    }
                }
                upsert.executeBatch();
            }
            return null;
        });
    }

    private static List<String> markOf(NumberedColumns numbered) {
        return List.of(numbered.columns().runId(), numbered.writerId(), numbered.columns().key());
    }

    private static MetricColumns tail(MetricColumns columns, int skip) {
        int size = columns.size();
        return new MetricColumns(columns.runId(), columns.key(), Arrays.copyOfRange(columns.steps(), skip, size),
                Arrays.copyOfRange(columns.timestamps(), skip, size), Arrays.copyOfRange(columns.values(), skip, size),
                size - skip);
    }

    // ---- reads ----------------------------------------------------------------------------------

    @Override
    public Map<String, MetricSummary> metricSummaries(String runId) {
        return reads.metricSummaries(runId);
    }

    @Override
    public List<MetricPoint> history(String runId, String key, int maxPoints) {
        return reads.history(runId, key, maxPoints);
    }

    @Override
    public Map<String, List<MetricPoint>> histories(Collection<String> runIds, String key, int maxPoints) {
        return reads.histories(runIds, key, maxPoints);
    }

    @Override
    public Optional<RunDetails> findRun(String runId) {
        return reads.findRun(runId);
    }

    @Override
    public List<RunInfo> runsByIdPrefix(String prefix, int limit) {
        return reads.runsByIdPrefix(prefix, limit);
    }

    @Override
    public List<RunInfo> runsByName(String name, int limit) {
        return reads.runsByName(name, Optional.empty(), limit);
    }

    @Override
    public List<RunInfo> runsByName(String name, String experimentName, int limit) {
        return reads.runsByName(name, Optional.of(experimentName), limit);
    }

    @Override
    public Optional<RunInfo> latestRun() {
        return reads.latestRun(Optional.empty());
    }

    @Override
    public Optional<RunInfo> latestRun(String experimentName) {
        return reads.latestRun(Optional.of(experimentName));
    }

    @Override
    public RunPage search(RunQuery query) {
        return reads.search(query);
    }

    @Override
    public String toString() {
        return location.describe();
    }
}
