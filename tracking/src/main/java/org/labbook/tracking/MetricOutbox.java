package org.labbook.tracking;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.labbook.tracking.spi.MetricColumns;

/**
 * One run's metric points that have left its buffer but are not stored yet, oldest first.
 *
 * <p>Normally it holds at most the one buffer set the writer is storing. While the store fails or a
 * store call hangs, the run's points keep coming here so that {@code Run.metric} never waits on the
 * store: copied into exact-size arrays in memory up to {@link TrackerOptions#overflowMemoryPoints()},
 * then appended to a {@link SpillFile}. Once {@link TrackerOptions#maxWaitingPoints()} are waiting, the
 * buffer is refused and {@code metric} throws instead. The writer always stores from the head of the
 * queue, one bounded piece at a time, so every key's points reach the store in the order they were
 * logged and "latest" means what it meant.
 *
 * <p>Guarded by its own monitor. Lock order: outbox, then the run's buffer. Callers of
 * {@code metric} take only the buffer's monitor, so they never wait for the spill-file I/O done here.
 */
final class MetricOutbox {
    /** The first retry after a failed write; each failure doubles the pause up to {@link #LAST_RETRY}. */
    static final long FIRST_RETRY = TimeUnit.MILLISECONDS.toNanos(50);
    static final long LAST_RETRY = TimeUnit.SECONDS.toNanos(2);
    /** How long to wait before trying the spill folders again after both failed. */
    private static final long SPILL_RETRY = TimeUnit.SECONDS.toNanos(1);

    /**
     * What every outbox of one tracker shares.
     *
     * @param waited counts points that had to wait because of store trouble, for the recovery report
     */
    record Settings(int memoryPoints, long maxWaitingPoints, List<Path> spillFolders, String store,
                    String storeDescription, long epoch, LongAdder waited) {
    }

    /**
     * The head of the queue handed to one store call.
     *
     * @param writerId this queue's name in the store's marks (see {@link #numbered})
     * @param first    for each of {@code columns}, the number of its first point among this queue's
     *                 points of that key
     */
    record Take(MetricOutbox outbox, List<MetricColumns> columns, int points, int segments, SpillFile.Read read,
                String writerId, long[] first) {
    }

    /** Where {@link #close} left the points it could not store. */
    record Leftover(long kept, long lost, Set<Path> folders, String problem) {
    }

    /** A snapshot for flush callers. */
    record Progress(long stored, long attempts, Throwable lastError) {
    }

    private sealed interface Segment permits Drained, Kept, Spilled {
        long position();
    }

    /** A buffer set handed over as it is (the normal path); its arrays go back to the buffer once stored. */
    private record Drained(MetricBuffer.Batch batch, long position) implements Segment {
    }

    /** Points copied out of the buffer while earlier points still waited, in exact-size arrays. */
    private record Kept(List<MetricColumns> columns, int points, long position) implements Segment {
    }

    /** The unread part of a spill file. */
    private record Spilled(SpillFile file, long position) implements Segment {
    }

    private final String runId;
    private final Settings settings;
    private final ArrayDeque<Segment> segments = new ArrayDeque<>();
    private String runName;
    /** Null once the run has ended, and for points an earlier tracker left behind. */
    private MetricBuffer buffer;
    private boolean earlierSession;
    private int takenSegments;
    private boolean taken;
    private long appended;
    private long stored;
    private long keptPoints;
    private long lost;
    private long attempts;
    private Throwable lastError;
    private long failingSince;
    private long backoff;
    private long nextAttempt;
    private String spillProblem;
    private long spillRetryAt;
    private boolean refused;
    private String lostReport;
    /**
     * The points of each key this queue has stored, under {@link #writerId}: the numbers that let the
     * store recognize a batch it committed but whose acknowledgement was lost, so that sending it
     * again stores nothing twice. Points lost from a damaged spill file break the count; the queue then
     * goes on under a new writer id, counting from zero.
     */
    private final Map<String, Long> storedPerKey = new HashMap<>();
    private String writerId = UUID.randomUUID().toString();

    MetricOutbox(String runId, String runName, MetricBuffer buffer, Settings settings) {
        this.runId = runId;
        this.runName = runName;
        this.buffer = buffer;
        this.settings = settings;
    }

    /** The queue of a run whose points an earlier tracker left in spill files, oldest file first. */
    static MetricOutbox leftBehind(List<SpillFile> files, Settings settings) {
        List<SpillFile> ordered = new ArrayList<>(files);
        ordered.sort((a, b) -> a.epoch() != b.epoch() ? Long.compare(a.epoch(), b.epoch())
                : Long.compare(a.position(), b.position()));
        SpillFile first = ordered.get(0);
        MetricOutbox outbox = new MetricOutbox(first.runId(), first.runName(), null, settings);
        outbox.earlierSession = true;
        for (SpillFile file : ordered) {
            outbox.segments.add(new Spilled(file, outbox.appended));
            outbox.appended += file.unread();
        }
        return outbox;
    }

    String runId() {
        return runId;
    }

    synchronized String runName() {
        return runName;
    }

    /** Whether the points came from an earlier tracker and no run of this one logs to the same run. */
    synchronized boolean earlierSession() {
        return earlierSession;
    }

    /** A resumed run logs here again, behind whatever still waits. */
    synchronized void attach(String name, MetricBuffer runBuffer) {
        runName = name;
        buffer = runBuffer;
        earlierSession = false;
    }

    /** The run has ended: its last points join the queue, and nothing more comes from its buffer. */
    synchronized void retire() {
        drain(true, false);
        buffer = null;
    }

    /** Nothing left to store and nothing more to come. */
    synchronized boolean finished() {
        return buffer == null && segments.isEmpty() && !taken;
    }

    /** A drain of at least this many points means the run logs fast: the writer should not sleep. */
    synchronized int busyPoints() {
        return buffer == null ? Integer.MAX_VALUE : Math.max(1, buffer.capacity() / 4);
    }

    synchronized long waiting() {
        return appended - stored - lost;
    }

    synchronized boolean failing() {
        return lastError != null;
    }

    synchronized long nextAttempt() {
        return nextAttempt;
    }

    synchronized long appended() {
        return appended;
    }

    synchronized Progress progress() {
        return new Progress(stored + lost, attempts, lastError);
    }

    // ---- filling ------------------------------------------------------------------------------------

    /**
     * Moves the run's buffered points to the end of the queue; returns how many. A set arriving at an
     * empty queue is taken as it is. One arriving behind points the store has not taken yet is kept
     * aside: in memory up to the bound, then in a spill file. Unless {@code force}d (a flush, the run's
     * end), a queue at its limit leaves the points in the buffer and refuses it, so that callers get an
     * error instead of waiting.
     *
     * @param stalled the store call under way hangs: the points wait because of it
     */
    synchronized int drain(boolean force, boolean stalled) {
        if (buffer == null) {
            return 0;
        }
        int size = buffer.size();
        if (size == 0) {
            lift();
            return 0;
        }
        if (segments.isEmpty()) {
            lift();
            MetricBuffer.Batch batch = buffer.drain();
            segments.add(new Drained(batch, appended));
            appended += batch.size;
            return batch.size;
        }
        long waiting = appended - stored - lost;
        boolean troubled = stalled || lastError != null || !(segments.size() == 1 && segments.peekFirst() instanceof Drained);
        boolean toSpill = segments.peekLast() instanceof Spilled || keptPoints + size > settings.memoryPoints();
        if (!force) {
            if (waiting + size > settings.maxWaitingPoints()) {
                refuse(limitMessage(waiting));
                return 0;
            }
            if (toSpill && spillProblem != null) {
                refuse(spillMessage());
                return 0;
            }
        }
        lift();
        MetricBuffer.Batch batch = buffer.drain();
        int points = batch.size;
        List<MetricColumns> columns = new ArrayList<>();
        BackgroundWriter.group(runId, batch, columns);
        if (!toSpill || !spill(columns, appended)) {
            keep(columns, points, appended);
        }
        buffer.recycle(batch);
        appended += points;
        if (troubled) {
            settings.waited().add(points);
        }
        return points;
    }

    private void keep(List<MetricColumns> columns, int points, long position) {
        List<MetricColumns> copies = new ArrayList<>(columns.size());
        for (MetricColumns c : columns) {
            copies.add(new MetricColumns(runId, c.key(), Arrays.copyOf(c.steps(), c.size()),
                    Arrays.copyOf(c.timestamps(), c.size()), Arrays.copyOf(c.values(), c.size()), c.size()));
        }
        segments.add(new Kept(copies, points, position));
        keptPoints += points;
    }

    /** Appends to the open spill file at the end of the queue, or a new one; false when no folder takes it. */
    private boolean spill(List<MetricColumns> columns, long position) {
        IOException problem = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            Spilled tail = segments.peekLast() instanceof Spilled s && !s.file().sealed() ? s : null;
            try {
                if (tail == null) {
                    tail = new Spilled(SpillFile.create(settings.spillFolders(), settings.store(), runId, runName,
                            settings.epoch(), position), position);
                    segments.add(tail);
                }
                tail.file().append(columns);
                spillProblem = null;
                return true;
            } catch (IOException e) {
                problem = e;
                if (tail == null) {
                    break; // no folder could take a new file
                }
                if (tail.file().unread() == 0 && segments.peekLast() == tail && !(taken && segments.size() <= takenSegments)) {
                    segments.pollLast();
                    tail.file().delete();
                }
                // The file is sealed now; the second attempt starts a new one, in another folder if need be.
            }
        }
        spillProblem = SpillFile.describe(problem);
        spillRetryAt = System.nanoTime() + SPILL_RETRY;
        return false;
    }

    /**
     * After the spill folders failed, tries again now and then to move the newest points kept in memory
     * to a file, so that the memory bound holds again and the buffer is taken once more.
     */
    synchronized void retrySpill() {
        if (spillProblem == null || System.nanoTime() - spillRetryAt < 0) {
            return;
        }
        if (segments.peekLast() instanceof Kept kept && !(taken && segments.size() <= takenSegments)) {
            // The newest points only: the file then ends the queue, and the order holds.
            segments.pollLast();
            keptPoints -= kept.points();
            if (!spill(kept.columns(), kept.position())) {
                segments.add(kept);
                keptPoints += kept.points();
            }
            return;
        }
        // Nothing in memory to move now: the next set that needs a spill file tries the folders itself.
        spillProblem = null;
    }

    private void refuse(String message) {
        refused = true;
        buffer.refuse(message);
    }

    private void lift() {
        if (refused) {
            refused = false;
            buffer.accept();
        }
    }

    // ---- storing ------------------------------------------------------------------------------------

    /** The head of the queue for one store call, at most about {@code maxPoints}; null when nothing waits. */
    synchronized Take take(int maxPoints) {
        if (taken) {
            return null;
        }
        while (segments.peekFirst() instanceof Spilled head) {
            if (head.file().unread() == 0) {
                segments.pollFirst();
                head.file().delete();
                continue;
            }
            try {
                SpillFile.Read read = head.file().read(maxPoints);
                taken = true;
                takenSegments = 1;
                return numbered(merge(read.columns()), read.points(), 1, read);
            } catch (IOException e) {
                // The file can no longer be read: its points cannot reach the store. Keep the file for
                // inspection, count the points as lost, and go on with the rest of the queue.
                lost += head.file().unread();
                renumber();
                segments.pollFirst();
                head.file().close();
                lostReport = "labbook: " + head.file().unread() + " metric points of run " + runName + " (" + runId
                        + ") in " + head.file().path() + " cannot be read back (" + SpillFile.describe(e)
                        + ") and are not stored; the file is left as it is.";
            }
        }
        if (segments.isEmpty()) {
            return null;
        }
        List<MetricColumns> columns = new ArrayList<>();
        int points = 0;
        int count = 0;
        for (Segment segment : segments) {
            if (segment instanceof Spilled || (count > 0 && points >= maxPoints)) {
                break;
            }
            if (segment instanceof Drained drained) {
                BackgroundWriter.group(runId, drained.batch(), columns);
                points += drained.batch().size;
            } else if (segment instanceof Kept kept) {
                columns.addAll(kept.columns());
                points += kept.points();
            }
            count++;
        }
        taken = true;
        takenSegments = count;
        return numbered(count > 1 ? merge(columns) : columns, points, count, null);
    }

    /** A take whose columns carry, per key, the number of their first point after those stored before. */
    private Take numbered(List<MetricColumns> columns, int points, int count, SpillFile.Read read) {
        long[] first = new long[columns.size()];
        Map<String, Long> next = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            String key = columns.get(i).key();
            first[i] = next.computeIfAbsent(key, k -> storedPerKey.getOrDefault(k, 0L));
            next.put(key, first[i] + columns.get(i).size());
        }
        return new Take(this, columns, points, count, read, writerId, first);
    }

    /** Points were lost: the count per key no longer matches, so later points go under a new name. */
    private void renumber() {
        storedPerKey.clear();
        writerId = UUID.randomUUID().toString();
    }

    /** A line about points that could not be read back from a spill file, once; null when there is none. */
    synchronized String takeLostReport() {
        String report = lostReport;
        lostReport = null;
        return report;
    }

    /** The store took the head: drop it, give drained arrays back to the buffer, forget any failure. */
    synchronized void stored(Take take) {
        if (take.read() != null) {
            Spilled head = (Spilled) segments.peekFirst();
            head.file().commit(take.read());
            if (head.file().unread() == 0) {
                // Read to its end: new points start a memory queue again, so the file is done with.
                segments.pollFirst();
                head.file().delete();
            }
        } else {
            for (int i = 0; i < take.segments(); i++) {
                Segment segment = segments.pollFirst();
                if (segment instanceof Drained drained && buffer != null) {
                    buffer.recycle(drained.batch());
                } else if (segment instanceof Kept kept) {
                    keptPoints -= kept.points();
                }
            }
        }
        if (take.writerId().equals(writerId)) {
            for (MetricColumns columns : take.columns()) {
                storedPerKey.merge(columns.key(), (long) columns.size(), Long::sum);
            }
        }
        stored += take.points();
        taken = false;
        attempts++;
        lastError = null;
        backoff = 0;
    }

    /** The store refused the head: it stays, and the next attempt waits a little longer than the last. */
    synchronized void failed(Throwable error) {
        taken = false;
        attempts++;
        if (lastError == null) {
            failingSince = System.currentTimeMillis();
            settings.waited().add(appended - stored - lost);
        }
        lastError = error;
        backoff = backoff == 0 ? FIRST_RETRY : Math.min(backoff * 2, LAST_RETRY);
        nextAttempt = System.nanoTime() + backoff;
    }

    /** The points can never be stored (their run is not in this store): leave their files and forget them. */
    synchronized Leftover abandon() {
        Set<Path> folders = new TreeSet<>();
        long points = 0;
        for (Segment segment : segments) {
            if (segment instanceof Spilled spilled) {
                points += spilled.file().unread();
                folders.add(spilled.file().path().getParent());
                spilled.file().close();
            }
        }
        segments.clear();
        lost += points;
        renumber();
        taken = false;
        return new Leftover(0, points, folders, null);
    }

    /**
     * The tracker closes: the points still waiting go to spill files in their queue order (each stretch
     * of points held in memory into a file of its own, positioned before the files that follow it), and
     * every file is released for the next tracker that opens the store.
     */
    synchronized Leftover close() {
        Set<Path> folders = new TreeSet<>();
        long kept = 0;
        long dropped = 0;
        String problem = null;
        List<MetricColumns> stretch = new ArrayList<>();
        long stretchPosition = -1;
        int stretchPoints = 0;
        List<Segment> all = new ArrayList<>(segments);
        segments.clear();
        keptPoints = 0;
        all.add(null); // ends the last stretch
        for (Segment segment : all) {
            if (segment instanceof Drained || segment instanceof Kept) {
                if (stretchPoints == 0) {
                    stretchPosition = segment.position();
                }
                if (segment instanceof Drained drained) {
                    BackgroundWriter.group(runId, drained.batch(), stretch);
                    stretchPoints += drained.batch().size;
                } else {
                    Kept k = (Kept) segment;
                    stretch.addAll(k.columns());
                    stretchPoints += k.points();
                }
                continue;
            }
            if (stretchPoints > 0) {
                try {
                    SpillFile file = SpillFile.create(settings.spillFolders(), settings.store(), runId, runName,
                            settings.epoch(), stretchPosition);
                    file.append(stretch);
                    folders.add(file.path().getParent());
                    file.close();
                    kept += stretchPoints;
                } catch (IOException e) {
                    dropped += stretchPoints;
                    problem = SpillFile.describe(e);
                }
                stretch = new ArrayList<>();
                stretchPoints = 0;
            }
            if (segment instanceof Spilled spilled) {
                kept += spilled.file().unread();
                folders.add(spilled.file().path().getParent());
                spilled.file().close();
            }
        }
        lost += dropped;
        renumber();
        taken = false;
        buffer = null;
        return new Leftover(kept, dropped, folders, problem);
    }

    // ---- messages -------------------------------------------------------------------------------------

    /** What a flush caller is told while the store refuses this run's points. */
    synchronized String failureMessage() {
        return "Storing metrics of run " + runName + " (" + runId + ") in " + settings.storeDescription() + " failed: "
                + cause() + ". " + (appended - stored - lost) + " points are kept and are stored when the store"
                + " accepts writes again.";
    }

    /** The last write error in one line, or why there is none. */
    synchronized String cause() {
        if (lastError == null) {
            return "a write has not returned (the database may be locked by another process, or its disk stalled)";
        }
        String message = lastError.getMessage();
        return message == null || message.isBlank() ? lastError.getClass().getSimpleName()
                : message.replace('\n', ' ').strip();
    }

    private String limitMessage(long waiting) {
        return "Run " + runName + " (" + runId + ") already has " + waiting + " metric points waiting for "
                + settings.storeDescription() + ", the most it keeps (TrackerOptions.maxWaitingPoints); " + trouble()
                + ". Free the store (disk space, permissions, a lock held by another process) and logging goes on,"
                + " or end the run.";
    }

    private String spillMessage() {
        return "Run " + runName + " (" + runId + ") has " + keptPoints + " metric points kept in memory for "
                + settings.storeDescription() + ", the most it keeps there (TrackerOptions.overflowMemoryPoints),"
                + " and no spill file can take more (" + spillProblem + "); " + trouble() + ". Free disk space"
                + " for the store or the spill folder and logging goes on, or end the run.";
    }

    private String trouble() {
        return lastError != null ? "the store has refused writes since " + Instant.ofEpochMilli(failingSince) + ": " + cause()
                : "the store has not answered a write (the database may be locked by another process, or its disk stalled)";
    }

    /** Concatenates the columns of each key, in order, so one store call gets one series per key. */
    static List<MetricColumns> merge(List<MetricColumns> parts) {
        if (parts.size() <= 1) {
            return parts;
        }
        Map<String, List<MetricColumns>> byKey = new LinkedHashMap<>();
        for (MetricColumns part : parts) {
            byKey.computeIfAbsent(part.key(), k -> new ArrayList<>()).add(part);
        }
        if (byKey.size() == parts.size()) {
            return parts;
        }
        List<MetricColumns> merged = new ArrayList<>(byKey.size());
        for (List<MetricColumns> series : byKey.values()) {
            if (series.size() == 1) {
                merged.add(series.get(0));
                continue;
            }
            int total = 0;
            for (MetricColumns c : series) {
                total += c.size();
            }
            long[] steps = new long[total];
            long[] times = new long[total];
            double[] values = new double[total];
            int at = 0;
            for (MetricColumns c : series) {
                System.arraycopy(c.steps(), 0, steps, at, c.size());
                System.arraycopy(c.timestamps(), 0, times, at, c.size());
                System.arraycopy(c.values(), 0, values, at, c.size());
                at += c.size();
            }
            MetricColumns first = series.get(0);
            merged.add(new MetricColumns(first.runId(), first.key(), steps, times, values, total));
        }
        return merged;
    }
}
