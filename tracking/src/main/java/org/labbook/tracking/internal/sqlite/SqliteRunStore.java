package org.labbook.tracking.internal.sqlite;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

import org.labbook.tracking.ArtifactRef;
import org.labbook.tracking.DatasetInput;
import org.labbook.tracking.Experiment;
import org.labbook.tracking.MetricColumns;
import org.labbook.tracking.MetricPoint;
import org.labbook.tracking.MetricSummary;
import org.labbook.tracking.NewRun;
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
import org.labbook.tracking.RunStore;
import org.labbook.tracking.StoreException;
import org.labbook.tracking.StoreLocation;
import org.labbook.tracking.Tag;
import org.labbook.tracking.Validation;
import org.labbook.tracking.ValidationException;
import org.labbook.tracking.internal.ArtifactFolder;
import org.labbook.tracking.internal.BlockDownsampler;
import org.labbook.tracking.internal.ChunkCodec;
import org.labbook.tracking.internal.Downsampler;
import org.labbook.tracking.internal.RunNames;
import org.labbook.tracking.query.Filter;
import org.labbook.tracking.query.FilterParser;
import org.labbook.tracking.query.OrderBy;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The embedded store: {@code labbook.db} (SQLite, WAL) and {@code artifacts/} in one folder.
 *
 * <p>Concurrency: one write connection per store object, used under {@link #writeLock}, and a few read
 * connections. Every write is one {@code BEGIN IMMEDIATE} transaction: it takes SQLite's write lock up
 * front, waiting up to the busy timeout, instead of a deferred transaction that could fail with
 * SQLITE_BUSY when it later tries to upgrade. Other processes writing the same file just queue; a
 * transaction that still meets SQLITE_BUSY is retried with a growing, jittered pause.
 */
final class SqliteRunStore implements RunStore {
    /** A full chunk; big enough that a BLOB row costs little per point. */
    static final int CHUNK_POINTS = 4096;
    /** Chunks smaller than this are "open" and get merged, so slow logging does not leave tiny rows. */
    static final int SEAL_POINTS = 512;
    /** How many open chunks may pile up before they are merged. */
    static final int MAX_OPEN_CHUNKS = 16;

    private static final int BUSY_TIMEOUT_MILLIS = 30_000;
    private static final long RETRY_BUDGET_MILLIS = 120_000;
    private static final int READ_POOL = 4;
    private static final String RUN_COLUMNS = "r.run_id, r.name, r.experiment_id, e.name, r.start_time, r.end_time,"
            + " r.user, r.parent_run_id, r.notebook_path, r.kernel_session, r.entry_point, r.git_commit, r.heartbeat, r.deleted";

    private final StoreLocation location;
    private final Path databaseFile;
    private final Duration crashTimeout;
    private final ArtifactFolder artifactFolder;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Connection writer;
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READ_POOL);
    private volatile boolean closed;

    private SqliteRunStore(StoreLocation location, Duration crashTimeout, Connection writer) {
        this.location = location;
        this.databaseFile = location.directory().resolve("labbook.db");
        this.crashTimeout = crashTimeout;
        this.artifactFolder = new ArtifactFolder(location.directory().resolve("artifacts"));
        this.writer = writer;
    }

    static SqliteRunStore open(StoreLocation location, Duration crashTimeout) {
        Path directory = location.directory();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StoreException("Cannot create the store folder " + directory + ": " + e.getMessage()
                    + ". Choose a writable folder with LABBOOK_STORE.", e);
        }
        Path file = directory.resolve("labbook.db");
        Connection connection = connectWithRetry(file);
        SqliteRunStore store = new SqliteRunStore(location, crashTimeout, connection);
        try {
            store.write("create the schema", Schema::migrate);
            store.optimize(true);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    // ---- connections and transactions ---------------------------------------------------------

    private static Connection connectWithRetry(Path file) {
        long deadline = System.currentTimeMillis() + RETRY_BUDGET_MILLIS;
        for (int attempt = 0; ; attempt++) {
            try {
                return connect(file);
            } catch (SQLException e) {
                // Switching a brand-new file to WAL needs a moment of exclusive access; when several
                // processes create the store at once, the losers see SQLITE_BUSY here and try again.
                if (!isBusy(e) || System.currentTimeMillis() > deadline) {
                    throw new StoreException("Cannot open the store database " + file + ": " + e.getMessage(), e);
                }
                pause(attempt);
            }
        }
    }

    private static Connection connect(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        // NORMAL in WAL mode loses at most the last transactions on power loss, never consistency.
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        // MLflow's LIKE is case-sensitive; ILIKE is the case-insensitive one.
        config.enableCaseSensitiveLike(true);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        config.setCacheSize(-16_000);
        return DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one write transaction, retrying it whole if SQLite reports the file busy. */
    <T> T write(String what, SqlWork<T> work) {
        ensureOpen();
        long deadline = System.currentTimeMillis() + RETRY_BUDGET_MILLIS;
        writeLock.lock();
        try {
            for (int attempt = 0; ; attempt++) {
                boolean begun = false;
                try (Statement statement = writer.createStatement()) {
                    // Explicit BEGIN IMMEDIATE rather than JDBC setAutoCommit(false): the driver would
                    // otherwise open the next transaction right after each commit and hold the lock.
                    statement.execute("BEGIN IMMEDIATE");
                    begun = true;
                    T result = work.run(writer);
                    statement.execute("COMMIT");
                    return result;
                } catch (SQLException e) {
                    rollback(begun);
                    if (!isBusy(e) || System.currentTimeMillis() > deadline) {
                        throw new StoreException("Cannot " + what + " in " + databaseFile + ": " + e.getMessage(), e);
                    }
                    pause(attempt);
                } catch (RuntimeException | Error e) {
                    rollback(begun);
                    throw e;
                }
            }
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Runs {@code work} on a read connection inside one read transaction, so that several statements
     * see one consistent snapshot while writers go on.
     */
    <T> T read(String what, SqlWork<T> work) {
        ensureOpen();
        Connection connection = readers.poll();
        long deadline = System.currentTimeMillis() + RETRY_BUDGET_MILLIS;
        try {
            if (connection == null) {
                connection = connectWithRetry(databaseFile);
            }
            for (int attempt = 0; ; attempt++) {
                boolean begun = false;
                try (Statement statement = connection.createStatement()) {
                    statement.execute("BEGIN");
                    begun = true;
                    T result = work.run(connection);
                    statement.execute("COMMIT");
                    return result;
                } catch (SQLException e) {
                    if (begun) {
                        try (Statement statement = connection.createStatement()) {
                            statement.execute("ROLLBACK");
                        } catch (SQLException ignored) {
                            // the transaction may already be gone; the next BEGIN starts clean
                        }
                    }
                    if (!isBusy(e) || System.currentTimeMillis() > deadline) {
                        throw new StoreException("Cannot " + what + " from " + databaseFile + ": " + e.getMessage(), e);
                    }
                    pause(attempt);
                } catch (RuntimeException e) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("ROLLBACK");
                    } catch (SQLException ignored) {
                        // nothing was written
                    }
                    throw e;
                }
            }
        } finally {
            if (connection != null && (closed || !readers.offer(connection))) {
                closeQuietly(connection);
            }
        }
    }

    private void rollback(boolean begun) {
        if (!begun) {
            return;
        }
        try (Statement statement = writer.createStatement()) {
            statement.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // SQLite may have rolled back already (e.g. after SQLITE_FULL); nothing is left open.
        }
    }

    private static boolean isBusy(SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            SQLiteErrorCode code = sqlite.getResultCode();
            return code == SQLiteErrorCode.SQLITE_BUSY || code == SQLiteErrorCode.SQLITE_LOCKED
                    || code.name().startsWith("SQLITE_BUSY_") || code.name().startsWith("SQLITE_LOCKED_");
        }
        return e.getErrorCode() == 5 || e.getErrorCode() == 6;
    }

    private static void pause(int attempt) {
        long base = Math.min(200, 5L << Math.min(attempt, 6));
        try {
            Thread.sleep(base + ThreadLocalRandom.current().nextLong(base + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while waiting for the store to be free", e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("The store " + location.describe() + " is closed. Open it again with Labbook.open().");
        }
    }

    /**
     * Refreshes the query planner's statistics where they are stale, as SQLite advises for long-lived
     * connections. Without them the planner cannot tell that a metric clause matching 1% of runs should
     * drive a search rather than a walk over every run of an experiment. Cheap: analysis_limit bounds it.
     */
    private void optimize(boolean opening) {
        writeLock.lock();
        try (Statement statement = writer.createStatement()) {
            statement.execute("PRAGMA analysis_limit = 1000");
            statement.execute(opening ? "PRAGMA optimize = 0x10002" : "PRAGMA optimize");
        } catch (SQLException e) {
            // Statistics only speed queries up; a busy store can skip them this time.
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        optimize(false);
        closed = true;
        writeLock.lock();
        try {
            closeQuietly(writer);
        } finally {
            writeLock.unlock();
        }
        Connection connection;
        while ((connection = readers.poll()) != null) {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing is best effort; SQLite keeps the file consistent either way
        }
    }

    @Override
    public StoreLocation location() {
        return location;
    }

    /** The schema version recorded in the database (tests check that concurrent creation made one). */
    int schemaVersion() {
        return read("read the schema version", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*), max(version) FROM schema_version")) {
                rs.next();
                return rs.getInt(1) == rs.getInt(2) ? rs.getInt(2) : -1;
            }
        });
    }

    // ---- experiments ------------------------------------------------------------------------------

    @Override
    public Experiment createExperiment(String name) {
        Validation.name("experiment name", name);
        return write("create experiment '" + name + "'", c -> ensureExperiment(c, name));
    }

    private Experiment ensureExperiment(Connection c, String name) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO experiments (experiment_id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
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
        return read("read experiment '" + Validation.shorten(name) + "'", c -> loadExperiment(c, name));
    }

    @Override
    public List<Experiment> experiments(boolean includeDeleted) {
        return read("list experiments", c -> {
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
        write("tag experiment '" + experimentName + "'", c -> {
            Experiment experiment = ensureExperiment(c, experimentName);
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO experiment_tags (experiment_id, key, value)"
                    + " VALUES (?, ?, ?) ON CONFLICT (experiment_id, key) DO UPDATE SET value = excluded.value")) {
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
        return write("create " + (runs.size() == 1 ? "run '" + runs.get(0).name() + "'" : runs.size() + " runs"), c -> {
            Map<String, Experiment> experiments = new HashMap<>();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO runs (run_id, name, experiment_id, status,"
                    + " start_time, user, parent_run_id, notebook_path, kernel_session, entry_point, git_commit, heartbeat)"
                    + " VALUES (?, ?, ?, 'RUNNING', ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (NewRun run : runs) {
                    Experiment experiment = experiments.get(run.experimentName());
                    if (experiment == null) {
                        experiment = ensureExperiment(c, run.experimentName());
                        experiments.put(run.experimentName(), experiment);
                    }
                    if (run.parentRunId() != null) {
                        requireRun(c, run.parentRunId());
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
                created.add(loadRunInfo(c, run.id()).orElseThrow());
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
        write("log params and tags for run " + runId, c -> {
            requireRun(c, runId);
            try (PreparedStatement insert = c.prepareStatement(
                         "INSERT INTO params (run_id, key, value) VALUES (?, ?, ?) ON CONFLICT (run_id, key) DO NOTHING");
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

    private static void upsertTags(Connection c, String runId, List<Tag> tags) throws SQLException {
        if (tags.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = c.prepareStatement("INSERT INTO tags (run_id, key, value) VALUES (?, ?, ?)"
                + " ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value")) {
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
        write("delete tag '" + Validation.shorten(key) + "' of run " + runId, c -> {
            requireRun(c, runId);
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
        return write("add a note to run " + runId, c -> {
            requireRun(c, runId);
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
        return read("read notes of run " + runId, c -> {
            requireRun(c, runId);
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
        ArtifactFolder.Stored stored;
        try (InputStream in = Files.newInputStream(file)) {
            stored = artifactFolder.put(in);
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
        return recordArtifact(runId, name, artifactFolder.put(new ByteArrayInputStream(content)));
    }

    private ArtifactRef recordArtifact(String runId, String name, ArtifactFolder.Stored stored) {
        long now = System.currentTimeMillis();
        write("record artifact '" + name + "' of run " + runId, c -> {
            requireRun(c, runId);
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO artifacts (run_id, name, sha256, size, created_at)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (run_id, name) DO UPDATE SET sha256 = excluded.sha256,"
                    + " size = excluded.size, created_at = excluded.created_at")) {
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
        return read("list artifacts of run " + runId, c -> {
            requireRun(c, runId);
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
        return artifactFolder.read(artifact.sha256(), artifact.size());
    }

    @Override
    public Path exportArtifact(ArtifactRef artifact, Path target) {
        return artifactFolder.export(artifact.sha256(), artifact.size(), target);
    }

    @Override
    public void addDataset(String runId, DatasetInput dataset) {
        write("record dataset '" + dataset.name() + "' of run " + runId, c -> {
            requireRun(c, runId);
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO datasets (run_id, name, location, sha256, size, rows, columns)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, name) DO UPDATE SET location = excluded.location,"
                    + " sha256 = excluded.sha256, size = excluded.size, rows = excluded.rows, columns = excluded.columns")) {
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
        return read("list datasets of run " + runId, c -> {
            requireRun(c, runId);
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
        write("refresh heartbeats", c -> {
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
        write("end run " + runId, c -> {
            requireRun(c, runId);
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
        return write("reopen run " + runId, c -> {
            requireRun(c, runId);
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE runs SET status = 'RUNNING', end_time = NULL, heartbeat = ? WHERE run_id = ?")) {
                update.setLong(1, now.toEpochMilli());
                update.setString(2, runId);
                update.executeUpdate();
            }
            return loadRunInfo(c, runId).orElseThrow();
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
        write((deleted ? "delete" : "restore") + " run " + runId, c -> {
            requireRun(c, runId);
            try (PreparedStatement update = c.prepareStatement("UPDATE runs SET deleted = ? WHERE run_id = ?")) {
                update.setInt(1, deleted ? 1 : 0);
                update.setString(2, runId);
                update.executeUpdate();
            }
            return null;
        });
    }

    private void requireRunExists(String runId) {
        read("find run " + runId, c -> {
            requireRun(c, runId);
            return null;
        });
    }

    private static void requireRun(Connection c, String runId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT 1 FROM runs WHERE run_id = ?")) {
            select.setString(1, runId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("No run with id '" + Validation.shorten(runId)
                            + "' in this store. List runs with tracker.runs(...) or %track runs.");
                }
            }
        }
    }

    // ---- metrics: writing -------------------------------------------------------------------------

    @Override
    public void appendMetrics(List<MetricColumns> batch) {
        if (batch.isEmpty()) {
            return;
        }
        write("write " + batch.size() + " metric series", c -> {
            LinkedHashSet<String> runIds = new LinkedHashSet<>();
            for (MetricColumns columns : batch) {
                runIds.add(columns.runId());
            }
            for (String runId : runIds) {
                requireRun(c, runId);
            }
            try (MetricWriter metricWriter = new MetricWriter(c)) {
                for (MetricColumns columns : batch) {
                    if (columns.size() > 0) {
                        metricWriter.append(columns);
                    }
                }
            }
            return null;
        });
    }

    /** The statements for one transaction of metric writes, prepared once and reused for every series. */
    private static final class MetricWriter implements AutoCloseable {
        private final PreparedStatement selectSummary;
        private final PreparedStatement upsertSummary;
        private final PreparedStatement insertChunk;
        private final PreparedStatement selectOpenChunks;
        private final PreparedStatement deleteOpenChunks;

        MetricWriter(Connection c) throws SQLException {
            selectSummary = c.prepareStatement("SELECT latest_bits, latest_step, latest_time, min_value, max_value, count,"
                    + " next_seq, open_from_seq, open_chunks FROM metric_summaries WHERE run_id = ? AND key = ?");
            upsertSummary = c.prepareStatement("INSERT OR REPLACE INTO metric_summaries (run_id, key, latest, latest_bits,"
                    + " latest_step, latest_time, min_value, max_value, count, next_seq, open_from_seq, open_chunks)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            insertChunk = c.prepareStatement("INSERT INTO metric_chunks (run_id, key, seq, count, first_step, last_step,"
                    + " min_value, max_value, blocks, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            selectOpenChunks = c.prepareStatement(
                    "SELECT data FROM metric_chunks WHERE run_id = ? AND key = ? AND seq >= ? ORDER BY seq");
            deleteOpenChunks = c.prepareStatement("DELETE FROM metric_chunks WHERE run_id = ? AND key = ? AND seq >= ?");
        }

        void append(MetricColumns in) throws SQLException {
            String runId = in.runId();
            String key = in.key();
            // The summary so far, or a fresh one.
            double latest = Double.NaN;
            long latestStep = Long.MIN_VALUE;
            long latestTime = 0;
            double min = Double.NaN;
            double max = Double.NaN;
            long count = 0;
            long nextSeq = 0;
            long openFrom = 0;
            int openChunks = 0;
            selectSummary.setString(1, runId);
            selectSummary.setString(2, key);
            try (ResultSet rs = selectSummary.executeQuery()) {
                if (rs.next()) {
                    latest = Double.longBitsToDouble(rs.getLong(1));
                    latestStep = rs.getLong(2);
                    latestTime = rs.getLong(3);
                    min = realOrNaN(rs, 4);
                    max = realOrNaN(rs, 5);
                    count = rs.getLong(6);
                    nextSeq = rs.getLong(7);
                    openFrom = rs.getLong(8);
                    openChunks = rs.getInt(9);
                }
            }
            long[] steps = in.steps();
            long[] times = in.timestamps();
            double[] values = in.values();
            int n = in.size();
            for (int i = 0; i < n; i++) {
                // "Latest" is the value at the highest step; a later point with an equal step wins.
                if (steps[i] >= latestStep || count == 0 && i == 0) {
                    latestStep = steps[i];
                    latest = values[i];
                    latestTime = times[i];
                }
                double v = values[i];
                if (v == v) {
                    if (min != min || v < min) {
                        min = v;
                    }
                    if (max != max || v > max) {
                        max = v;
                    }
                }
            }
            count += n;

            if (openChunks > 0 && (n >= SEAL_POINTS || openChunks + 1 >= MAX_OPEN_CHUNKS)) {
                // Merge the small trailing chunks with the new points and rewrite them as full chunks.
                List<ChunkCodec.Chunk> open = new ArrayList<>();
                int total = n;
                selectOpenChunks.setString(1, runId);
                selectOpenChunks.setString(2, key);
                selectOpenChunks.setLong(3, openFrom);
                try (ResultSet rs = selectOpenChunks.executeQuery()) {
                    while (rs.next()) {
                        ChunkCodec.Chunk chunk = ChunkCodec.decode(rs.getBytes(1));
                        open.add(chunk);
                        total += chunk.count();
                    }
                }
                long[] allSteps = new long[total];
                long[] allTimes = new long[total];
                double[] allValues = new double[total];
                int offset = 0;
                for (ChunkCodec.Chunk chunk : open) {
                    chunk.copyTo(allSteps, allTimes, allValues, offset);
                    offset += chunk.count();
                }
                System.arraycopy(steps, 0, allSteps, offset, n);
                System.arraycopy(times, 0, allTimes, offset, n);
                System.arraycopy(values, 0, allValues, offset, n);
                deleteOpenChunks.setString(1, runId);
                deleteOpenChunks.setString(2, key);
                deleteOpenChunks.setLong(3, openFrom);
                deleteOpenChunks.executeUpdate();
                steps = allSteps;
                times = allTimes;
                values = allValues;
                n = total;
                nextSeq = openFrom;
                openChunks = 0;
            }
            for (int from = 0; from < n; from += CHUNK_POINTS) {
                int size = Math.min(CHUNK_POINTS, n - from);
                insertChunk(runId, key, nextSeq, steps, times, values, from, size);
                if (size < SEAL_POINTS) {
                    if (openChunks == 0) {
                        openFrom = nextSeq;
                    }
                    openChunks++;
                }
                nextSeq++;
            }
            insertChunk.executeBatch();

            upsertSummary.setString(1, runId);
            upsertSummary.setString(2, key);
            setReal(upsertSummary, 3, latest);
            upsertSummary.setLong(4, Double.doubleToRawLongBits(latest));
            upsertSummary.setLong(5, latestStep);
            upsertSummary.setLong(6, latestTime);
            setReal(upsertSummary, 7, min);
            setReal(upsertSummary, 8, max);
            upsertSummary.setLong(9, count);
            upsertSummary.setLong(10, nextSeq);
            upsertSummary.setLong(11, openFrom);
            upsertSummary.setInt(12, openChunks);
            upsertSummary.executeUpdate();
        }

        private void insertChunk(String runId, String key, long seq, long[] steps, long[] times, double[] values,
                                 int from, int size) throws SQLException {
            double min = Double.NaN;
            double max = Double.NaN;
            long first = steps[from];
            long last = steps[from];
            for (int i = from; i < from + size; i++) {
                double v = values[i];
                if (v == v) {
                    if (min != min || v < min) {
                        min = v;
                    }
                    if (max != max || v > max) {
                        max = v;
                    }
                }
                first = Math.min(first, steps[i]);
                last = Math.max(last, steps[i]);
            }
            insertChunk.setString(1, runId);
            insertChunk.setString(2, key);
            insertChunk.setLong(3, seq);
            insertChunk.setInt(4, size);
            insertChunk.setLong(5, first);
            insertChunk.setLong(6, last);
            setReal(insertChunk, 7, min);
            setReal(insertChunk, 8, max);
            insertChunk.setBytes(9, ChunkCodec.encodeBlocks(steps, times, values, from, size));
            insertChunk.setBytes(10, ChunkCodec.encode(steps, times, values, from, size));
            insertChunk.addBatch();
        }

        @Override
        public void close() throws SQLException {
            selectSummary.close();
            upsertSummary.close();
            insertChunk.close();
            selectOpenChunks.close();
            deleteOpenChunks.close();
        }
    }

    /** SQLite cannot store NaN in a REAL column; NULL stands for it (the exact bits live elsewhere). */
    private static void setReal(PreparedStatement statement, int index, double value) throws SQLException {
        if (Double.isNaN(value)) {
            statement.setNull(index, Types.REAL);
        } else {
            statement.setDouble(index, value);
        }
    }

    private static double realOrNaN(ResultSet rs, int index) throws SQLException {
        double value = rs.getDouble(index);
        return rs.wasNull() ? Double.NaN : value;
    }

    // ---- metrics: reading ---------------------------------------------------------------------------

    @Override
    public Map<String, MetricSummary> metricSummaries(String runId) {
        return read("read metric summaries of run " + runId, c -> {
            requireRun(c, runId);
            return summaries(c, List.of(runId)).getOrDefault(runId, Map.of());
        });
    }

    private static Map<String, Map<String, MetricSummary>> summaries(Connection c, List<String> runIds) throws SQLException {
        Map<String, Map<String, MetricSummary>> result = new HashMap<>();
        forEachSlice(runIds, slice -> {
            SqlText sql = new SqlText().sql("SELECT run_id, key, latest_bits, latest_step, latest_time, min_value, max_value, count"
                    + " FROM metric_summaries WHERE run_id IN ").args(slice);
            try (PreparedStatement select = c.prepareStatement(sql.text())) {
                sql.bind(select);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        String key = rs.getString(2);
                        result.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(key, new MetricSummary(key,
                                Double.longBitsToDouble(rs.getLong(3)), rs.getLong(4), rs.getLong(5),
                                realOrNaN(rs, 6), realOrNaN(rs, 7), rs.getLong(8)));
                    }
                }
            }
        });
        return result;
    }

    @Override
    public List<MetricPoint> history(String runId, String key, int maxPoints) {
        if (maxPoints < 1) {
            throw new ValidationException("Invalid maxPoints " + maxPoints + ": ask for at least 1 point.");
        }
        return read("read metric '" + Validation.shorten(key) + "' of run " + runId, c -> {
            Optional<List<MetricPoint>> points = readHistory(c, runId, key, maxPoints);
            if (points.isPresent()) {
                return points.get();
            }
            requireRun(c, runId);
            Map<String, MetricSummary> known = summaries(c, List.of(runId)).getOrDefault(runId, Map.of());
            throw new NotFoundException("Run " + runId + " has no metric '" + Validation.shorten(key) + "'."
                    + (known.isEmpty() ? " It has no metrics yet." : " Its metrics are: " + String.join(", ", known.keySet()) + "."));
        });
    }

    @Override
    public Map<String, List<MetricPoint>> histories(Collection<String> runIds, String key, int maxPoints) {
        if (maxPoints < 1) {
            throw new ValidationException("Invalid maxPoints " + maxPoints + ": ask for at least 1 point.");
        }
        return read("read metric '" + Validation.shorten(key) + "' of " + runIds.size() + " runs", c -> {
            Map<String, List<MetricPoint>> result = new LinkedHashMap<>();
            for (String runId : runIds) {
                result.put(runId, readHistory(c, runId, key, maxPoints).orElse(List.of()));
            }
            return result;
        });
    }

    /** Streams the chunks of one series through the downsampler; empty when the run has no such key. */
    private static Optional<List<MetricPoint>> readHistory(Connection c, String runId, String key, int maxPoints)
            throws SQLException {
        long count;
        try (PreparedStatement select = c.prepareStatement("SELECT count FROM metric_summaries WHERE run_id = ? AND key = ?")) {
            select.setString(1, runId);
            select.setString(2, key);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                count = rs.getLong(1);
            }
        }
        if (BlockDownsampler.suits(count, maxPoints)) {
            return Optional.of(readBlocks(c, runId, key, count, maxPoints));
        }
        Downsampler downsampler = new Downsampler(key, count, maxPoints);
        try (PreparedStatement select = c.prepareStatement("SELECT data FROM metric_chunks WHERE run_id = ? AND key = ? ORDER BY seq")) {
            select.setString(1, runId);
            select.setString(2, key);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    downsampler.accept(ChunkCodec.decode(rs.getBytes(1)));
                }
            }
        }
        return Optional.of(downsampler.result());
    }

    /** Coarse reads: only the block summaries, plus the first and last chunk for the series' ends. */
    private static List<MetricPoint> readBlocks(Connection c, String runId, String key, long count, int maxPoints)
            throws SQLException {
        long totalBlocks;
        try (PreparedStatement select = c.prepareStatement(
                "SELECT sum((count + " + (ChunkCodec.BLOCK - 1) + ") / " + ChunkCodec.BLOCK + ") FROM metric_chunks WHERE run_id = ? AND key = ?")) {
            select.setString(1, runId);
            select.setString(2, key);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                totalBlocks = rs.getLong(1);
            }
        }
        BlockDownsampler downsampler = new BlockDownsampler(key, count, totalBlocks, maxPoints);
        try (PreparedStatement select = c.prepareStatement(
                "SELECT count, blocks FROM metric_chunks WHERE run_id = ? AND key = ? ORDER BY seq")) {
            select.setString(1, runId);
            select.setString(2, key);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    downsampler.accept(ChunkCodec.decodeBlocks(rs.getBytes(2)), rs.getInt(1));
                }
            }
        }
        return downsampler.result(endPoint(c, runId, key, true), endPoint(c, runId, key, false));
    }

    private static MetricPoint endPoint(Connection c, String runId, String key, boolean first) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT data FROM metric_chunks WHERE run_id = ? AND key = ?"
                + (first ? " ORDER BY seq ASC LIMIT 1" : " ORDER BY seq DESC LIMIT 1"))) {
            select.setString(1, runId);
            select.setString(2, key);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                ChunkCodec.Chunk chunk = ChunkCodec.decode(rs.getBytes(1));
                int i = first ? 0 : chunk.count() - 1;
                return new MetricPoint(key, chunk.value(i), chunk.step(i), chunk.timestamp(i));
            }
        }
    }

    // ---- runs: reading ---------------------------------------------------------------------------

    private long crashCutoff() {
        return System.currentTimeMillis() - crashTimeout.toMillis();
    }

    private Optional<RunInfo> loadRunInfo(Connection c, String runId) throws SQLException {
        List<RunInfo> found = selectRuns(c, new SqlText().sql(" WHERE r.run_id = ").arg(runId));
        return found.stream().findFirst();
    }

    /** Selects runs with a WHERE/ORDER/LIMIT tail appended to the common column list. */
    private List<RunInfo> selectRuns(Connection c, SqlText tail) throws SQLException {
        FilterCompiler compiler = new FilterCompiler(crashCutoff());
        SqlText sql = new SqlText().sql("SELECT ").sql(RUN_COLUMNS).sql(", ").append(compiler.status())
                .sql(" FROM runs r JOIN experiments e ON e.experiment_id = r.experiment_id").append(tail);
        try (PreparedStatement select = c.prepareStatement(sql.text())) {
            sql.bind(select);
            try (ResultSet rs = select.executeQuery()) {
                List<RunInfo> runs = new ArrayList<>();
                while (rs.next()) {
                    runs.add(runInfo(rs));
                }
                return runs;
            }
        }
    }

    private static RunInfo runInfo(ResultSet rs) throws SQLException {
        long end = rs.getLong(6);
        Instant endTime = rs.wasNull() ? null : Instant.ofEpochMilli(end);
        return new RunInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                RunStatus.valueOf(rs.getString(15)), Instant.ofEpochMilli(rs.getLong(5)), endTime, rs.getString(7),
                rs.getString(8), new RunSource(rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12)),
                Instant.ofEpochMilli(rs.getLong(13)), rs.getInt(14) != 0);
    }

    @Override
    public Optional<RunDetails> findRun(String runId) {
        return read("read run " + Validation.shorten(runId), c -> {
            Optional<RunInfo> info = loadRunInfo(c, runId);
            if (info.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(details(c, info.get()));
        });
    }

    private RunDetails details(Connection c, RunInfo info) throws SQLException {
        return withDetails(c, List.of(info)).get(0);
    }

    /** Loads params, tags and metric summaries of many runs with a few IN queries. */
    private List<RunDetails> withDetails(Connection c, List<RunInfo> runs) throws SQLException {
        List<String> ids = runs.stream().map(RunInfo::id).toList();
        Map<String, Map<String, String>> params = keyValues(c, "params", ids);
        Map<String, Map<String, String>> tags = keyValues(c, "tags", ids);
        Map<String, Map<String, MetricSummary>> metrics = summaries(c, ids);
        List<RunDetails> result = new ArrayList<>(runs.size());
        for (RunInfo run : runs) {
            result.add(new RunDetails(run, params.getOrDefault(run.id(), Map.of()), tags.getOrDefault(run.id(), Map.of()),
                    metrics.getOrDefault(run.id(), Map.of())));
        }
        return result;
    }

    private static Map<String, Map<String, String>> keyValues(Connection c, String table, List<String> runIds) throws SQLException {
        Map<String, Map<String, String>> result = new HashMap<>();
        String head = switch (table) {
            case "params" -> "SELECT run_id, key, value FROM params WHERE run_id IN ";
            case "tags" -> "SELECT run_id, key, value FROM tags WHERE run_id IN ";
            default -> throw new IllegalArgumentException(table);
        };
        forEachSlice(runIds, slice -> {
            SqlText sql = new SqlText().sql(head).args(slice);
            try (PreparedStatement select = c.prepareStatement(sql.text())) {
                sql.bind(select);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        result.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getString(3));
                    }
                }
            }
        });
        return result;
    }

    @FunctionalInterface
    private interface SliceWork {
        void run(List<String> slice) throws SQLException;
    }

    /** SQLite limits the number of ? per statement; long IN lists go in slices. */
    private static void forEachSlice(List<String> ids, SliceWork work) throws SQLException {
        for (int from = 0; from < ids.size(); from += 500) {
            work.run(ids.subList(from, Math.min(ids.size(), from + 500)));
        }
    }

    @Override
    public List<RunInfo> runsByIdPrefix(String prefix, int limit) {
        if (prefix.isEmpty()) {
            return List.of();
        }
        // A range on the primary key instead of LIKE, so '%' or '_' in the prefix mean nothing special.
        return read("find runs by id prefix", c -> selectRuns(c, new SqlText().sql(" WHERE r.run_id >= ").arg(prefix)
                .sql(" AND r.run_id < ").arg(prefix + Character.MAX_VALUE).sql(" AND r.deleted = 0 ORDER BY r.run_id LIMIT ")
                .arg(limit)));
    }

    @Override
    public List<RunInfo> runsByName(String name, Optional<String> experimentName, int limit) {
        return read("find runs by name", c -> {
            SqlText tail = new SqlText().sql(" WHERE r.name = ").arg(name).sql(" AND r.deleted = 0");
            experimentName.ifPresent(e -> tail.sql(" AND e.name = ").arg(e));
            return selectRuns(c, tail.sql(" ORDER BY r.start_time DESC, r.rowid DESC LIMIT ").arg(limit));
        });
    }

    @Override
    public Optional<RunInfo> latestRun(Optional<String> experimentName) {
        return read("find the latest run", c -> {
            SqlText tail = new SqlText().sql(" WHERE r.deleted = 0");
            experimentName.ifPresent(e -> tail.sql(" AND e.name = ").arg(e));
            return selectRuns(c, tail.sql(" ORDER BY r.start_time DESC, r.rowid DESC LIMIT 1")).stream().findFirst();
        });
    }

    @Override
    public RunPage search(RunQuery query) {
        // Parse before touching the database, so a bad filter fails fast with its column.
        Filter filter = query.filter() == null ? Filter.all() : FilterParser.parse(query.filter());
        List<OrderBy> orders = new ArrayList<>();
        for (String clause : query.orderBy()) {
            orders.addAll(FilterParser.parseOrderByList(clause));
        }
        long offset = decodePageToken(query.pageToken());
        return read("search runs", c -> {
            FilterCompiler compiler = new FilterCompiler(crashCutoff());
            SqlText tail = new SqlText().sql(" WHERE 1");
            if (!query.includeDeleted()) {
                tail.sql(" AND r.deleted = 0");
            }
            if (!query.experiments().isEmpty()) {
                // A subquery rather than a test on the joined e.name: it lets SQLite drive the search from
                // the most selective clause (e.g. a metric's index) instead of walking every run of the experiment.
                tail.sql(" AND r.experiment_id IN (SELECT experiment_id FROM experiments WHERE name IN ")
                        .args(query.experiments()).sql(")");
            }
            if (!filter.matchesAll()) {
                tail.sql(" AND ").append(compiler.where(filter));
            }
            tail.sql(" ORDER BY ");
            for (OrderBy order : orders) {
                tail.append(compiler.orderTerm(order)).sql(", ");
            }
            // rowid breaks ties of equal start milliseconds in creation order.
            tail.sql("r.start_time DESC, r.rowid DESC LIMIT ").arg(query.limit() + 1).sql(" OFFSET ").arg(offset);
            List<RunInfo> runs = selectRuns(c, tail);
            Optional<String> next = Optional.empty();
            if (runs.size() > query.limit()) {
                runs = runs.subList(0, query.limit());
                next = Optional.of(encodePageToken(offset + query.limit()));
            }
            return new RunPage(withDetails(c, runs), next);
        });
    }

    private static String encodePageToken(long offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static long decodePageToken(String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith("offset:")) {
                long offset = Long.parseLong(text.substring("offset:".length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the message below
        }
        throw new ValidationException("Invalid page token '" + Validation.shorten(token)
                + "'. Pass the nextPageToken of the previous page unchanged, or none for the first page.");
    }

    @Override
    public String toString() {
        return location.describe();
    }

}
