package org.labbook.tracking.internal.postgres;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

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
import org.labbook.tracking.StoreException;
import org.labbook.tracking.StoreLocation;
import org.labbook.tracking.StoreSync;
import org.labbook.tracking.Tag;
import org.labbook.tracking.spi.MetricColumns;
import org.labbook.tracking.spi.ModelStore;
import org.labbook.tracking.spi.NewRun;
import org.labbook.tracking.spi.NumberedColumns;
import org.labbook.tracking.spi.RunStore;
import org.labbook.tracking.spi.SchemaVersion;
import org.labbook.tracking.spi.Stores;
import org.labbook.tracking.spi.SweepStore;

/**
 * The team store for a session that opened it online, with a spool behind it for a server that goes
 * away mid-session. Runs this store created or resumed keep their params, tags, notes, artifacts,
 * datasets, ends and new runs while the server does not answer: they go to a spool of this outage (the
 * run is started there first), and every later write of that run too, so its order holds. The outage's
 * spool is its own embedded store beside the team store's spool ({@code ...-session-ID}), used by this
 * process alone: replayed at the first write, at most every few seconds, that finds the server answering
 * again, or at close, and then deleted, so a later outage starts from an empty one. Metric
 * points of runs the team store has stay with the background writer (memory, then spill files), which
 * retries them itself; points of a run started while the server was away go to the spool with the run.
 * One line when the spool begins to fill, one when it is caught up. Reads are the team store's.
 */
final class SpoolingRunStore implements RunStore {
    private static final long PROBE_PAUSE_NANOS = 3_000_000_000L;
    private static final int PROBE_TIMEOUT_MILLIS = 1_000;

    private final RunStore team;
    private final ConnectionSettings settings;
    private final Path base;
    private Path folder;
    private final Path home;
    private final Duration crashTimeout;
    private final PrintStream lines;
    /** What this store knows of the runs it created or resumed, to start them in the spool. */
    private final Map<String, NewRun> known = new ConcurrentHashMap<>();
    /** Runs whose writes go to the spool until it is replayed. */
    private final Set<String> spooled = ConcurrentHashMap.newKeySet();
    /** Runs started during the outage, which the team store does not have yet. */
    private final Set<String> spoolOnly = ConcurrentHashMap.newKeySet();
    private RunStore spool;
    /** The lock that tells other processes this spool is in use (see SessionSpools). */
    private SessionSpools.Owner owner;
    private boolean offline;
    private long nextProbe;

    SpoolingRunStore(RunStore team, ConnectionSettings settings, Path base, Path home, Duration crashTimeout,
                     PrintStream lines) {
        this.team = team;
        this.settings = settings;
        this.base = base;
        this.home = home;
        this.crashTimeout = crashTimeout;
        this.lines = lines;
    }

    // ---- the spool ---------------------------------------------------------------------------------

    private synchronized RunStore spool() {
        if (spool == null) {
            folder = base.resolveSibling(base.getFileName() + "-session-" + java.util.UUID.randomUUID());
            owner = SessionSpools.tryOwn(folder);
            spool = Stores.open(StoreLocation.parse(StoreLocation.SQLITE + ":" + folder, "spool of " + settings.redacted(),
                    home), crashTimeout);
        }
        return spool;
    }

    /** Replays the spool if runs wait in it and the server answers again; true when nothing waits. */
    private synchronized boolean catchUp() {
        if (spooled.isEmpty()) {
            return true;
        }
        long now = System.nanoTime();
        if (now - nextProbe < 0) {
            return false;
        }
        nextProbe = now + PROBE_PAUSE_NANOS;
        if (!answers()) {
            return false;
        }
        try {
            StoreSync.Result result = StoreSync.copy(spool(), team, progress -> { });
            for (String problem : result.problems()) {
                lines.println("labbook: cannot send a spooled run to " + settings.redacted() + ": " + problem);
            }
            spool.close();
            if (result.problems().isEmpty()) {
                SessionSpools.deleteFolder(folder);
            }
            releaseOwner();
            // else kept for `labbook sync --from`, named in the lines above; later writes start a new spool.
            spool = null;
            spooled.clear();
            spoolOnly.clear();
            offline = false;
            lines.println("labbook: the PostgreSQL store " + settings.redacted() + " answers again; the spool " + folder
                    + " is caught up: " + result.describe() + ".");
            return true;
        } catch (StoreException e) {
            if (!OfflineSpool.unreachable(e)) {
                throw e;
            }
            nextProbe = System.nanoTime() + PROBE_PAUSE_NANOS;
            return false;
        }
    }

    private void releaseOwner() {
        if (owner != null) {
            owner.close();
            owner = null;
        }
    }

    /** A plain TCP connect to the server, so that an offline store does not wait for the pool's timeout. */
    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(settings.host(), settings.port()), PROBE_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * One write of one run: to the team store while it answers and the run has nothing in the spool;
     * otherwise, for a run this store knows, to the spool.
     */
    private <T> T write(String runId, Supplier<T> direct, Function<RunStore, T> spooledWrite) {
        catchUp();
        if (!spooled.contains(runId)) {
            if (!isOffline()) {
                try {
                    return direct.get();
                } catch (StoreException e) {
                    if (!OfflineSpool.unreachable(e) || !known.containsKey(runId)) {
                        throw e;
                    }
                    goOffline(e);
                }
            } else if (!known.containsKey(runId)) {
                return direct.get();
            }
        }
        startInSpool(runId);
        return spooledWrite.apply(spool());
    }

    /** Offline until a probe, at most every few seconds, finds the server answering again. */
    private synchronized boolean isOffline() {
        if (offline && System.nanoTime() - nextProbe >= 0) {
            nextProbe = System.nanoTime() + PROBE_PAUSE_NANOS;
            offline = !answers();
        }
        return offline;
    }

    private static String reason(StoreException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                String text = PostgresTransactor.reasonOf(sql);
                int end = text.indexOf(". ");
                return end > 0 ? text.substring(0, end) : text;
            }
        }
        return "no answer";
    }

    private synchronized void goOffline(StoreException e) {
        if (!offline) {
            offline = true;
            nextProbe = System.nanoTime() + PROBE_PAUSE_NANOS;
            lines.println("labbook: the PostgreSQL store " + settings.redacted() + " stopped answering (" + reason(e)
                    + "); what the runs of this session log goes to a spool beside " + base + " until it answers"
                    + " again (metric points wait with the writer).");
        }
    }

    private synchronized void startInSpool(String runId) {
        if (spooled.add(runId)) {
            spool().createRun(known.get(runId));
        }
    }

    // ---- writes that may go to the spool ------------------------------------------------------------

    @Override
    public List<RunInfo> createRuns(List<NewRun> runs) {
        List<RunInfo> created;
        if (!catchUp() || isOffline()) {
            created = spoolRuns(runs);
        } else {
            try {
                created = team.createRuns(runs);
            } catch (StoreException e) {
                if (!OfflineSpool.unreachable(e)) {
                    throw e;
                }
                goOffline(e);
                created = spoolRuns(runs);
            }
        }
        for (int i = 0; i < runs.size(); i++) {
            RunInfo info = created.get(i);
            known.put(info.id(), new NewRun(info.id(), info.name(), info.experimentName(), info.startTime(), info.user(),
                    info.parentRunId(), info.source(), List.of()));
        }
        return created;
    }

    private synchronized List<RunInfo> spoolRuns(List<NewRun> runs) {
        List<RunInfo> created = spool().createRuns(runs);
        for (RunInfo info : created) {
            spooled.add(info.id());
            spoolOnly.add(info.id());
        }
        return created;
    }

    @Override
    public void logBatch(String runId, List<Param> params, List<Tag> tags) {
        write(runId, () -> {
            team.logBatch(runId, params, tags);
            return null;
        }, s -> {
            s.logBatch(runId, params, tags);
            return null;
        });
    }

    @Override
    public void deleteTag(String runId, String key) {
        write(runId, () -> {
            team.deleteTag(runId, key);
            return null;
        }, s -> {
            s.deleteTag(runId, key);
            return null;
        });
    }

    @Override
    public Note addNote(String runId, String text) {
        return write(runId, () -> team.addNote(runId, text), s -> s.addNote(runId, text));
    }

    @Override
    public ArtifactRef putArtifact(String runId, String name, Path file) {
        return write(runId, () -> team.putArtifact(runId, name, file), s -> s.putArtifact(runId, name, file));
    }

    @Override
    public ArtifactRef putArtifact(String runId, String name, byte[] content) {
        return write(runId, () -> team.putArtifact(runId, name, content), s -> s.putArtifact(runId, name, content));
    }

    @Override
    public void addDataset(String runId, DatasetInput dataset) {
        write(runId, () -> {
            team.addDataset(runId, dataset);
            return null;
        }, s -> {
            s.addDataset(runId, dataset);
            return null;
        });
    }

    @Override
    public void endRun(String runId, RunStatus status, Instant endTime) {
        write(runId, () -> {
            team.endRun(runId, status, endTime);
            return null;
        }, s -> {
            s.endRun(runId, status, endTime);
            return null;
        });
    }

    /** Points of a run that lives only in the spool go there; the writer retries the others itself. */
    @Override
    public void appendNumberedMetrics(List<NumberedColumns> batch) {
        catchUp();
        List<NumberedColumns> direct = new ArrayList<>();
        List<NumberedColumns> local = new ArrayList<>();
        for (NumberedColumns columns : batch) {
            (spooledOnly(columns.columns().runId()) ? local : direct).add(columns);
        }
        if (!local.isEmpty()) {
            spool().appendNumberedMetrics(local);
        }
        if (!direct.isEmpty()) {
            team.appendNumberedMetrics(direct);
        }
    }

    private boolean spooledOnly(String runId) {
        return spoolOnly.contains(runId);
    }

    @Override
    public void appendMetrics(List<MetricColumns> batch) {
        team.appendMetrics(batch);
    }

    @Override
    public void heartbeat(Collection<String> runIds, Instant now) {
        List<String> local = runIds.stream().filter(spooled::contains).toList();
        if (!local.isEmpty()) {
            spool().heartbeat(local, now);
        }
        List<String> direct = runIds.stream().filter(id -> !spooled.contains(id)).toList();
        if (!direct.isEmpty() && !isOffline()) {
            team.heartbeat(direct, now);
        }
    }

    @Override
    public RunInfo reopenRun(String runId, Instant now) {
        RunInfo info = team.reopenRun(runId, now);
        known.put(info.id(), new NewRun(info.id(), info.name(), info.experimentName(), info.startTime(), info.user(),
                info.parentRunId(), info.source(), List.of()));
        return info;
    }

    @Override
    public synchronized void close() {
        try {
            if (!spooled.isEmpty()) {
                nextProbe = System.nanoTime();
                if (!catchUp()) {
                    lines.println("labbook: " + spooled.size() + " run" + (spooled.size() == 1 ? "" : "s") + " wait in the"
                            + " spool " + folder + " for " + settings.redacted() + "; send them with: labbook sync --from "
                            + folder + " --to " + settings.redacted() + " (the next open that reaches the store sends them too)");
                }
            }
        } finally {
            try {
                if (spool != null) {
                    spool.close();
                }
            } finally {
                releaseOwner();
                team.close();
            }
        }
    }

    // ---- everything else is the team store's -------------------------------------------------------

    /** The registry and sweeps coordinate through the server: they are the team store's, never spooled. */
    @Override
    public ModelStore models() {
        return team.models();
    }

    @Override
    public Optional<SweepStore> sweeps() {
        return team.sweeps();
    }

    @Override
    public StoreLocation location() {
        return team.location();
    }

    @Override
    public Optional<SchemaVersion> schemaVersion() {
        return team.schemaVersion();
    }

    @Override
    public Experiment createExperiment(String name) {
        return team.createExperiment(name);
    }

    @Override
    public Optional<Experiment> findExperiment(String name) {
        return team.findExperiment(name);
    }

    @Override
    public List<Experiment> experiments(boolean includeDeleted) {
        return team.experiments(includeDeleted);
    }

    @Override
    public void setExperimentTag(String experimentName, Tag tag) {
        team.setExperimentTag(experimentName, tag);
    }

    @Override
    public List<Note> notes(String runId) {
        return team.notes(runId);
    }

    @Override
    public List<ArtifactRef> artifacts(String runId) {
        return team.artifacts(runId);
    }

    @Override
    public byte[] readArtifact(ArtifactRef artifact) {
        return team.readArtifact(artifact);
    }

    @Override
    public Path exportArtifact(ArtifactRef artifact, Path target) {
        return team.exportArtifact(artifact, target);
    }

    @Override
    public List<DatasetInput> datasets(String runId) {
        return team.datasets(runId);
    }

    @Override
    public void deleteRun(String runId) {
        team.deleteRun(runId);
    }

    @Override
    public void restoreRun(String runId) {
        team.restoreRun(runId);
    }

    @Override
    public Optional<RunDetails> findRun(String runId) {
        return team.findRun(runId);
    }

    @Override
    public List<RunInfo> runsByIdPrefix(String prefix, int limit) {
        return team.runsByIdPrefix(prefix, limit);
    }

    @Override
    public List<RunInfo> runsByName(String name, int limit) {
        return team.runsByName(name, limit);
    }

    @Override
    public List<RunInfo> runsByName(String name, String experimentName, int limit) {
        return team.runsByName(name, experimentName, limit);
    }

    @Override
    public Optional<RunInfo> latestRun() {
        return team.latestRun();
    }

    @Override
    public Optional<RunInfo> latestRun(String experimentName) {
        return team.latestRun(experimentName);
    }

    @Override
    public RunPage search(RunQuery query) {
        return team.search(query);
    }

    @Override
    public Map<String, MetricSummary> metricSummaries(String runId) {
        return team.metricSummaries(runId);
    }

    @Override
    public List<MetricPoint> history(String runId, String key, int maxPoints) {
        return team.history(runId, key, maxPoints);
    }

    @Override
    public Map<String, List<MetricPoint>> histories(Collection<String> runIds, String key, int maxPoints) {
        return team.histories(runIds, key, maxPoints);
    }
}
