package org.labbook.tracking;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.labbook.tracking.spi.RunStore;
import org.labbook.tracking.spi.MetricColumns;
import org.labbook.tracking.spi.NumberedColumns;

/**
 * Moves buffered metric points into the store for one {@link Tracker}, on its thread
 * {@code labbook-writer}. Each cycle drains every live run's buffer into the run's
 * {@link MetricOutbox}, takes the head of every outbox and stores them all in one transaction; then it
 * sleeps until the flush interval passes, a buffer fills to half, or someone flushes.
 *
 * <p>When the store refuses a transaction of several runs, each run is tried alone, so one run whose
 * writes fail does not hold back the others. A failing run is then retried alone after a pause that
 * doubles from 50 ms up to 2 s, while its new points wait in its outbox (in memory, then in a spill
 * file) instead of in its buffer, so {@code Run.metric} goes on. The first failure is reported in one
 * line, and so is the recovery. A store call that has not returned after ten flush intervals (at least
 * 1 s, at most 10 s) counts as stalled: a second thread, {@code labbook-overflow}, then drains the
 * buffers into the outboxes until it returns, so no caller waits on a hung store either.
 *
 * <p>Flush protocol: a flush drains its runs' buffers itself, notes how many points each outbox has
 * received, and waits until that many are stored, or until an attempt made after it began failed.
 */
final class BackgroundWriter {
    /** At most about this many points of one run go into one store call, so a backlog is stored in steps. */
    static final int TAKE_POINTS = 1 << 18;
    /** How long closing waits beyond its deadline for a store call already under way. */
    private static final long CALL_GRACE_MILLIS = TimeUnit.MINUTES.toMillis(2);
    private static final long MIN_STALL = TimeUnit.SECONDS.toNanos(1);
    private static final long MAX_STALL = TimeUnit.SECONDS.toNanos(10);

    /** A point in time to give up waiting, on the monotonic clock. */
    record Deadline(long atNanos) {
        static Deadline after(Duration timeout) {
            return new Deadline(System.nanoTime() + timeout.toNanos());
        }

        boolean passed() {
            return System.nanoTime() - atNanos >= 0;
        }

        long remainingNanos() {
            return Math.max(0, atNanos - System.nanoTime());
        }
    }

    private final RunStore store;
    private final String storeDescription;
    private final Consumer<String> report;
    private final long flushIntervalNanos;
    private final long stallNanos;
    private final MetricOutbox.Settings settings;
    private final Map<String, MetricOutbox> outboxes = new ConcurrentHashMap<>();
    private final Object progress = new Object();
    private final Object stopLock = new Object();
    private final AtomicLong flushRequests = new AtomicLong();
    private final Thread thread;
    private final Thread relief;
    private long flushesServed;         // writer thread only
    private volatile boolean inCall;
    private volatile long callStarted;
    private volatile boolean stalled;
    private volatile boolean stopping;
    private volatile Deadline stopDeadline;
    private volatile boolean stopped;
    // The current outage: from the first failed or stalled write until nothing waits any more. Guarded by this.
    private boolean outage;
    private long outageStart;
    private long waitedBefore;

    BackgroundWriter(RunStore store, TrackerOptions options, Consumer<String> report) {
        this.store = store;
        this.storeDescription = store.location().describe();
        this.report = report;
        this.flushIntervalNanos = options.flushInterval().toNanos();
        this.stallNanos = Math.max(MIN_STALL, Math.min(MAX_STALL, 10 * flushIntervalNanos));
        StoreLocation location = store.location();
        this.settings = new MetricOutbox.Settings(options.overflowMemoryPoints(), options.maxWaitingPoints(),
                SpillFile.folders(location), location.redacted(), storeDescription, System.currentTimeMillis(),
                new LongAdder());
        adoptLeftovers();
        this.thread = new Thread(this::loop, "labbook-writer");
        this.relief = new Thread(this::relieve, "labbook-overflow");
        // Daemons: an unclosed tracker must not keep the JVM alive; the shutdown hook flushes instead.
        thread.setDaemon(true);
        relief.setDaemon(true);
        thread.start();
        relief.start();
    }

    /** Spill files an earlier tracker of this store left behind are queued first, to be stored in order. */
    private void adoptLeftovers() {
        List<SpillFile> files = SpillFile.claimAll(settings.spillFolders(), settings.store());
        if (files.isEmpty()) {
            return;
        }
        Map<String, List<SpillFile>> byRun = new LinkedHashMap<>();
        Set<Path> folders = new TreeSet<>();
        long points = 0;
        for (SpillFile file : files) {
            byRun.computeIfAbsent(file.runId(), id -> new ArrayList<>()).add(file);
            folders.add(file.path().getParent());
            points += file.unread();
        }
        byRun.forEach((runId, runFiles) -> outboxes.put(runId, MetricOutbox.leftBehind(runFiles, settings)));
        report.accept("labbook: storing " + points + " metric points of " + byRun.size() + " run(s) that an earlier"
                + " tracker kept in " + join(folders) + " because " + storeDescription + " did not take them then.");
    }

    void register(Run run) {
        outboxes.compute(run.id(), (id, existing) -> {
            if (existing == null) {
                return new MetricOutbox(id, run.name(), run.buffer(), settings);
            }
            // A resumed run whose earlier points still wait: new points queue behind them.
            existing.attach(run.name(), run.buffer());
            return existing;
        });
    }

    /** The run has ended; what it logged is still stored (or kept) in order, but nothing more is drained. */
    void retire(Run run) {
        MetricOutbox outbox = outboxes.get(run.id());
        if (outbox != null) {
            outbox.retire();
            LockSupport.unpark(thread);
        }
    }

    /** Wakes the writer early; cheap enough for the metric path. */
    void wake() {
        LockSupport.unpark(thread);
        if (stalled) {
            LockSupport.unpark(relief);
        }
    }

    /**
     * Waits until every point logged before this call to the given runs (all, when null) is stored.
     *
     * @param deadline when to give up, or null to wait as long as the store takes
     * @throws StoreException when a write attempt made during the wait failed (the points stay queued
     *     and are stored once the store accepts them), or the deadline passed
     */
    void flush(Collection<String> runIds, Deadline deadline) {
        if (Thread.currentThread() == thread) {
            return;
        }
        if (stopped) {
            throw new StoreException("The metric writer has stopped; the tracker is closed.");
        }
        List<MetricOutbox> targets = new ArrayList<>();
        for (MetricOutbox outbox : outboxes.values()) {
            if (runIds == null || runIds.contains(outbox.runId())) {
                targets.add(outbox);
            }
        }
        long[] goals = new long[targets.size()];
        long[] attempts = new long[targets.size()];
        for (int i = 0; i < goals.length; i++) {
            MetricOutbox outbox = targets.get(i);
            outbox.drain(true, false);
            goals[i] = outbox.appended();
            attempts[i] = outbox.progress().attempts();
        }
        flushRequests.incrementAndGet();
        LockSupport.unpark(thread);
        synchronized (progress) {
            while (true) {
                MetricOutbox pending = null;
                for (int i = 0; i < goals.length; i++) {
                    MetricOutbox outbox = targets.get(i);
                    MetricOutbox.Progress now = outbox.progress();
                    if (now.stored() >= goals[i]) {
                        continue;
                    }
                    if (now.attempts() > attempts[i] && now.lastError() != null) {
                        throw new StoreException(outbox.failureMessage(), now.lastError());
                    }
                    pending = outbox;
                }
                if (pending == null) {
                    return;
                }
                if (!thread.isAlive()) {
                    throw new StoreException("The metric writer has stopped; the tracker is closed.");
                }
                if (deadline != null && deadline.passed()) {
                    throw new StoreException("Metrics of run " + pending.runName() + " (" + pending.runId()
                            + ") were not stored in " + storeDescription + " in time (TrackerOptions.closeTimeout): "
                            + pending.cause() + ". " + pending.waiting() + " points are kept; they are stored when the"
                            + " store answers, or left in a spill file when the tracker closes.");
                }
                try {
                    progress.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TrackingException("Interrupted while flushing metrics", e);
                }
            }
        }
    }

    /**
     * Stops the threads: the writer goes on storing, and retrying a failing store, until nothing waits or
     * the deadline passes (plus the time a store call already under way takes to return). Whatever is
     * still waiting then is written to spill files, and one line says where.
     */
    void stop(Deadline deadline) {
        synchronized (stopLock) {
            if (stopped) {
                return;
            }
            stopDeadline = deadline;
            stopping = true;
            LockSupport.unpark(thread);
            try {
                thread.join(TimeUnit.NANOSECONDS.toMillis(deadline.remainingNanos()) + CALL_GRACE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped = true;
            LockSupport.unpark(relief);
            keepLeftovers();
        }
    }

    private void keepLeftovers() {
        long kept = 0;
        long lost = 0;
        int runs = 0;
        Set<Path> folders = new TreeSet<>();
        String cause = null;
        String problem = null;
        for (MetricOutbox outbox : outboxes.values()) {
            String why = outbox.cause();
            // If the writer is still inside a store call (it outlived the grace above), its points are
            // kept as well: a later tracker may then store them a second time, which beats losing them.
            MetricOutbox.Leftover left = outbox.close();
            if (left.kept() + left.lost() == 0) {
                continue;
            }
            runs++;
            kept += left.kept();
            lost += left.lost();
            folders.addAll(left.folders());
            cause = why;
            if (left.problem() != null) {
                problem = left.problem();
            }
        }
        outboxes.clear();
        if (runs == 0) {
            return;
        }
        StringBuilder line = new StringBuilder("labbook: ").append(kept + lost).append(" metric points of ")
                .append(runs).append(" run(s) were not stored in ").append(storeDescription)
                .append(" before the tracker closed (").append(cause).append(")");
        if (kept > 0) {
            line.append("; ").append(kept).append(" are kept in ").append(join(folders))
                    .append(" and are stored the next time a tracker opens this store");
        }
        if (lost > 0) {
            line.append("; ").append(lost).append(" could not be kept (").append(problem).append(") and are lost");
        }
        report.accept(line.append('.').toString());
    }

    // ---- the writer thread ---------------------------------------------------------------------------

    private void loop() {
        while (true) {
            long flushes = flushRequests.get();
            boolean busy = false;
            for (MetricOutbox outbox : outboxes.values()) {
                busy |= outbox.drain(false, false) >= outbox.busyPoints();
                outbox.retrySpill();
            }
            boolean more = writeReady(flushes != flushesServed);
            flushesServed = flushes;
            tidy();
            checkRecovery();
            synchronized (progress) {
                progress.notifyAll();
            }
            if (stopping && (nothingWaiting() || stopDeadline.passed())) {
                return;
            }
            if (!busy && !more && flushRequests.get() == flushesServed) {
                LockSupport.parkNanos(this, pause());
            }
        }
    }

    /**
     * Stores the head of every outbox that may be tried now; true when a healthy outbox still holds
     * more, so the next cycle should not sleep.
     */
    private boolean writeReady(boolean flushWaiting) {
        long now = System.nanoTime();
        List<MetricOutbox.Take> healthy = new ArrayList<>();
        List<MetricOutbox.Take> failing = new ArrayList<>();
        for (MetricOutbox outbox : outboxes.values()) {
            boolean isFailing = outbox.failing();
            // A flush wants an answer now; otherwise a failing run waits out its pause.
            if (isFailing && !flushWaiting && now - outbox.nextAttempt() < 0) {
                continue;
            }
            MetricOutbox.Take take = outbox.take(TAKE_POINTS);
            if (take != null) {
                (isFailing ? failing : healthy).add(take);
            }
        }
        if (!healthy.isEmpty()) {
            attempt(healthy);
        }
        // A failing run is tried alone, so that healthy runs never share its transaction.
        for (MetricOutbox.Take take : failing) {
            attempt(List.of(take));
        }
        for (MetricOutbox outbox : outboxes.values()) {
            if (!outbox.failing() && outbox.waiting() > 0) {
                return true;
            }
        }
        return false;
    }

    private void attempt(List<MetricOutbox.Take> takes) {
        List<NumberedColumns> batch = new ArrayList<>();
        for (MetricOutbox.Take take : takes) {
            batch.addAll(numbered(take));
        }
        Throwable error = call(batch);
        if (error == null) {
            for (MetricOutbox.Take take : takes) {
                take.outbox().stored(take);
            }
            return;
        }
        if (takes.size() == 1) {
            failed(takes.get(0), error);
            return;
        }
        // One transaction for all failed: find out which runs the store refuses.
        for (MetricOutbox.Take take : takes) {
            Throwable own = call(numbered(take));
            if (own == null) {
                take.outbox().stored(take);
            } else {
                failed(take, own);
            }
        }
    }

    private static List<NumberedColumns> numbered(MetricOutbox.Take take) {
        List<NumberedColumns> numbered = new ArrayList<>(take.columns().size());
        for (int i = 0; i < take.columns().size(); i++) {
            numbered.add(new NumberedColumns(take.columns().get(i), take.writerId(), take.first()[i]));
        }
        return numbered;
    }

    private Throwable call(List<NumberedColumns> batch) {
        callStarted = System.nanoTime();
        inCall = true;
        try {
            // Numbered, so that a batch whose commit was acknowledged to nobody is not stored twice when retried.
            store.appendNumberedMetrics(batch);
            return null;
        } catch (RuntimeException | Error e) {
            return e;
        } finally {
            inCall = false;
            stalled = false;
        }
    }

    private void failed(MetricOutbox.Take take, Throwable error) {
        MetricOutbox outbox = take.outbox();
        if (error instanceof NotFoundException && outbox.earlierSession()) {
            MetricOutbox.Leftover left = outbox.abandon();
            report.accept("labbook: " + left.lost() + " metric points an earlier tracker kept in " + join(left.folders())
                    + " belong to run " + outbox.runId() + ", which " + storeDescription + " does not have; the files"
                    + " are left as they are.");
            return;
        }
        outbox.failed(error);
        outageBegins("writing metrics to " + storeDescription + " failed: " + outbox.cause(),
                "run " + outbox.runName() + " (" + outbox.runId() + ")");
    }

    /** Forgets finished outboxes; reports points a damaged spill file could not give back. */
    private void tidy() {
        for (String runId : outboxes.keySet()) {
            // Atomic with register(): a run resumed right now keeps its outbox.
            outboxes.computeIfPresent(runId, (id, outbox) -> outbox.finished() ? null : outbox);
        }
        for (MetricOutbox outbox : outboxes.values()) {
            String line = outbox.takeLostReport();
            if (line != null) {
                report.accept(line);
            }
        }
    }

    private boolean nothingWaiting() {
        for (MetricOutbox outbox : outboxes.values()) {
            if (outbox.waiting() > 0) {
                return false;
            }
        }
        return true;
    }

    /** Until the next cycle: the flush interval, or sooner when a failing run's retry is due. */
    private long pause() {
        long pause = flushIntervalNanos;
        long now = System.nanoTime();
        for (MetricOutbox outbox : outboxes.values()) {
            if (outbox.failing() && outbox.waiting() > 0) {
                pause = Math.min(pause, outbox.nextAttempt() - now);
            }
        }
        if (stopping) {
            pause = Math.min(pause, stopDeadline.remainingNanos());
        }
        return Math.max(pause, TimeUnit.MILLISECONDS.toNanos(1));
    }

    // ---- the overflow thread ---------------------------------------------------------------------------

    /** While a store call hangs, keeps the buffers draining into the outboxes so callers do not wait. */
    private void relieve() {
        while (!stopped) {
            LockSupport.parkNanos(this, stalled ? flushIntervalNanos : stallNanos / 2);
            // inCall before callStarted: the writer sets them the other way round, so a stale start is never read.
            boolean calling = inCall;
            long started = callStarted;
            if (!calling || System.nanoTime() - started < stallNanos) {
                stalled = false;
                continue;
            }
            if (!stalled) {
                stalled = true;
                settings.waited().add(totalWaiting());
                outageBegins("a metric write to " + storeDescription + " has not returned for "
                        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) / 1000.0 + " s (the database may be"
                        + " locked by another process, or its disk stalled)", null);
            }
            for (MetricOutbox outbox : outboxes.values()) {
                outbox.drain(false, true);
            }
        }
    }

    // ---- reporting ----------------------------------------------------------------------------------------

    private synchronized void outageBegins(String what, String run) {
        if (outage) {
            return;
        }
        outage = true;
        outageStart = System.currentTimeMillis();
        report.accept("labbook: " + what + ". " + totalWaiting() + " points are waiting" + (run == null ? "" : " (" + run + ")")
                + "; they are kept, in memory up to " + settings.memoryPoints() + " points a run and then in a spill"
                + " file, and stored when the store accepts writes again.");
    }

    private synchronized void checkRecovery() {
        if (!outage || stalled) {
            return;
        }
        for (MetricOutbox outbox : outboxes.values()) {
            if (outbox.failing() || outbox.waiting() > 0) {
                return;
            }
        }
        outage = false;
        long waited = settings.waited().sum() - waitedBefore;
        waitedBefore += waited;
        report.accept("labbook: metrics are stored in " + storeDescription + " again, after "
                + (System.currentTimeMillis() - outageStart) / 1000.0 + " s; all " + waited
                + " points that waited meanwhile are stored.");
    }

    private long totalWaiting() {
        long waiting = 0;
        for (MetricOutbox outbox : outboxes.values()) {
            waiting += outbox.waiting();
        }
        return waiting;
    }

    private static String join(Collection<Path> folders) {
        List<String> names = new ArrayList<>();
        for (Path folder : folders) {
            names.add(folder.toString());
        }
        return String.join(" and ", names);
    }

    /**
     * Splits a drained batch into one column set per key with a counting sort (two passes, no
     * per-point objects). A batch of a single key, the common case in a training loop, is passed on
     * without copying.
     */
    static void group(String runId, MetricBuffer.Batch points, List<MetricColumns> out) {
        int n = points.size;
        MetricBuffer.Key first = points.keys[0];
        boolean single = true;
        int maxIndex = first.index;
        for (int i = 1; i < n; i++) {
            MetricBuffer.Key key = points.keys[i];
            if (key != first) {
                single = false;
            }
            if (key.index > maxIndex) {
                maxIndex = key.index;
            }
        }
        if (single) {
            out.add(new MetricColumns(runId, first.name, points.steps, points.times, points.values, n));
            return;
        }
        int[] counts = new int[maxIndex + 1];
        MetricBuffer.Key[] byIndex = new MetricBuffer.Key[maxIndex + 1];
        for (int i = 0; i < n; i++) {
            MetricBuffer.Key key = points.keys[i];
            counts[key.index]++;
            byIndex[key.index] = key;
        }
        long[][] steps = new long[maxIndex + 1][];
        long[][] times = new long[maxIndex + 1][];
        double[][] values = new double[maxIndex + 1][];
        int[] fill = new int[maxIndex + 1];
        for (int k = 0; k <= maxIndex; k++) {
            if (counts[k] > 0) {
                steps[k] = new long[counts[k]];
                times[k] = new long[counts[k]];
                values[k] = new double[counts[k]];
            }
        }
        for (int i = 0; i < n; i++) {
            int k = points.keys[i].index;
            int j = fill[k]++;
            steps[k][j] = points.steps[i];
            times[k][j] = points.times[i];
            values[k][j] = points.values[i];
        }
        for (int k = 0; k <= maxIndex; k++) {
            if (counts[k] > 0) {
                out.add(new MetricColumns(runId, byIndex[k].name, steps[k], times[k], values[k], counts[k]));
            }
        }
    }
}
