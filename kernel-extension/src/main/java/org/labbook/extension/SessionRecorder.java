package org.labbook.extension;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.labbook.context.capture.ClasspathAddition;
import org.labbook.context.capture.CodeVersion;
import org.labbook.context.capture.EnvironmentCapture;
import org.labbook.context.capture.EnvironmentInfo;
import org.labbook.context.capture.GitCapture;
import org.labbook.extension.snapshot.BuiltCell;
import org.labbook.extension.snapshot.CellRecord;
import org.labbook.extension.snapshot.CellRecordBuilder;
import org.labbook.extension.snapshot.OffPathSummaries;
import org.labbook.extension.snapshot.SessionSnapshot;
import org.labbook.kernel.api.ClasspathEntry;
import org.labbook.tracking.Run;
import org.labbook.tracking.Tracker;

/**
 * The background writer: turns cell events into records, keeps the session's cells in order, and attaches
 * them to runs. One thread does all of it, so the per-session state needs no locks and the store sees
 * writes in cell order. Each event is written as soon as it arrives, which keeps what a killed kernel loses
 * to the cell that was being written.
 */
final class SessionRecorder implements AutoCloseable {

    /** Images kept in memory for runs that start later; past this, the oldest are dropped. */
    static final long MAX_BLOB_BYTES = 256L * 1024 * 1024;
    /**
     * Cell records kept in memory for runs that start later (each run gets the session before it). Past this, the
     * oldest are dropped once every open run has written them to the store: a kernel open for weeks keeps a bounded
     * window, and a run started late gets the latest {@value} cells before it.
     */
    static final int MAX_CELLS = 1000;
    /** How long a recorded cell may wait before it is attached to its runs; a killed kernel loses at most this. */
    static final long ATTACH_INTERVAL_MILLIS = 500;

    private static final Object STOP = new Object();

    private final String sessionId;
    private final String kernelVersion;
    private final TrackedRuns runs;
    private final CellRecordBuilder builder;
    private final EnvironmentCapture environment;
    private final GitCapture git;
    private final PrintStream errors;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final int maxCells;
    private final OffPathSummaries summaries = new OffPathSummaries();

    // Writer-thread state.
    private final List<CellRecord> cells = new ArrayList<>();
    /** The session's number (from 0) of {@code cells.get(0)}: how many cells were dropped before it. */
    private long firstKept;
    private final LinkedHashMap<String, byte[]> blobs = new LinkedHashMap<>();
    private long blobBytes;
    private final Map<String, RunRecording> recordings = new LinkedHashMap<>();
    private Optional<Path> notebook = Optional.empty();
    private boolean reportedFailure;

    SessionRecorder(String sessionId, String kernelVersion, TrackedRuns runs,
                    CellRecordBuilder builder, EnvironmentCapture environment, GitCapture git, PrintStream errors) {
        this(sessionId, kernelVersion, runs, builder, environment, git, errors, MAX_CELLS);
    }

    SessionRecorder(String sessionId, String kernelVersion, TrackedRuns runs, CellRecordBuilder builder,
                    EnvironmentCapture environment, GitCapture git, PrintStream errors, int maxCells) {
        this.maxCells = maxCells;
        this.sessionId = sessionId;
        this.kernelVersion = kernelVersion;
        this.runs = runs;
        this.builder = builder;
        this.environment = environment;
        this.git = git;
        this.errors = errors;
        this.thread = new Thread(this::loop, "labbook-snapshot-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Hands a cell to the writer; never blocks the cell. */
    void submit(CellEvent event) {
        queue.add(event);
    }

    /** Writes what is queued, gives every run a session snapshot, and stops the thread. */
    @Override
    public void close() {
        queue.add(STOP);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Records each cell as it comes and attaches the new ones to the open runs at most every
     * {@link #ATTACH_INTERVAL_MILLIS}: one store write for a burst of quick cells instead of one per cell, which
     * on a two-core machine competes with the cells themselves. A run that starts or ends is written at once.
     */
    private void loop() {
        long attachDue = 0;
        boolean pending = false;
        while (true) {
            long wait = attachDue - System.nanoTime();
            if (pending && wait <= 0) {
                // Checked before taking more: a steady stream of cells must not postpone the write forever.
                guarded(this::attachNewCells);
                pending = false;
                continue;
            }
            Object item;
            try {
                item = pending ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (item == STOP) {
                guarded(this::finishAll);
                summaries.close();
                return;
            }
            if (item instanceof CellEvent event) {
                guarded(() -> record(event));
                if (!pending) {
                    pending = true;
                    attachDue = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ATTACH_INTERVAL_MILLIS);
                }
            }
        }
    }

    private void attachNewCells() {
        for (RunRecording recording : recordings.values()) {
            if (!recording.finished()) {
                recording.attachNewCells(cells, firstKept, blobs);
            }
        }
        forgetWrittenCells();
    }

    /** Drops the oldest records beyond the limit ({@link #MAX_CELLS}) that every open run has already written. */
    private void forgetWrittenCells() {
        long written = firstKept + cells.size();
        for (RunRecording recording : recordings.values()) {
            if (!recording.finished()) {
                written = Math.min(written, recording.cellsAttached());
            }
        }
        int drop = (int) Math.min(cells.size() - maxCells, written - firstKept);
        if (drop > 0) {
            cells.subList(0, drop).clear();
            firstKept += drop;
        }
    }

    private void record(CellEvent event) {
        BuiltCell built = builder.build(event.end(), summaries.render(event.changes(), event.liveValues()));
        cells.add(built.record());
        remember(built.blobs());
        forgetWrittenCells();
        notebook = event.notebook().or(() -> notebook);
        event.runs().forEach(run -> startIfNew(run, event.classpath()));
        for (RunRecording recording : recordings.values()) {
            if (recording.finished()) {
                continue;
            }
            if (event.endedRuns().contains(recording.runId())) {
                recording.finish(snapshot(), firstKept, blobs, notebook);
            }
        }
    }

    private void startIfNew(Run run, List<ClasspathEntry> classpath) {
        if (recordings.containsKey(run.id())) {
            return;
        }
        Optional<Tracker> tracker = runs.tracker();
        if (tracker.isEmpty()) {
            return;
        }
        RunRecording recording = new RunRecording(run, tracker.get().store());
        recordings.put(run.id(), recording);
        // The cells and the notebook file go first: hashing the classpath's jars the first time takes a while,
        // and a kernel killed meanwhile should still leave the session behind, the notebook as it was at start.
        recording.opened(cells, firstKept, blobs, notebook);
        EnvironmentInfo env = environment.capture(kernelVersion, classpath.stream()
                .map(entry -> new ClasspathAddition(entry.path(), entry.maven())).toList());
        Path here = notebook.map(Path::getParent).orElse(Path.of("").toAbsolutePath());
        // LABBOOK_CONTEXT_DISABLE=git turns the notebook's git capture off as it does the providers'.
        Optional<CodeVersion> code = tracker.get().options().contextEnabled("git") ? git.capture(here) : Optional.empty();
        recording.described(env, code, Optional.ofNullable(System.getProperty(Reproduction.PROPERTY)));
    }

    private void finishAll() {
        for (RunRecording recording : recordings.values()) {
            if (!recording.finished()) {
                recording.finish(snapshot(), firstKept, blobs, notebook);
            }
        }
    }

    private SessionSnapshot snapshot() {
        return new SessionSnapshot(sessionId, kernelVersion, cells);
    }

    private void remember(Map<String, byte[]> fresh) {
        fresh.forEach((sha, bytes) -> {
            if (blobs.putIfAbsent(sha, bytes) == null) {
                blobBytes += bytes.length;
            }
        });
        Iterator<byte[]> oldest = blobs.values().iterator();
        while (blobBytes > MAX_BLOB_BYTES && oldest.hasNext()) {
            blobBytes -= oldest.next().length;
            oldest.remove();
        }
    }

    /** How many cell records it holds; read after {@link #close}, when the writer has stopped. */
    int cellsInMemory() {
        return cells.size();
    }

    /** A failure to record must never stop recording: report the first one, keep going. */
    private void guarded(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException | LinkageError e) {
            if (!reportedFailure) {
                reportedFailure = true;
                errors.println("Labbook could not record a cell snapshot (" + e.getClass().getSimpleName() + ": "
                        + e.getMessage() + "); the notebook keeps running, later cells are still tried.");
            }
        }
    }
}
