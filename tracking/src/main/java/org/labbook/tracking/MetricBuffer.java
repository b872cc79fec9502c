package org.labbook.tracking;

/**
 * The in-memory queue between {@code Run.metric} and the background writer, one per run.
 *
 * <p>Points are kept in parallel primitive arrays, so logging one allocates nothing. There are two sets
 * of arrays: callers fill one while the writer stores the other, and {@link #drain} swaps them. When the
 * filling set is full the caller waits until the writer swaps (back-pressure); a point is never
 * dropped. When the store has failed for so long that the run's {@link MetricOutbox} holds all it may,
 * the writer stops draining and sets a refusal instead: a caller meeting a full buffer then gets a
 * {@link StoreException} at once rather than waiting for a store that does not answer. The refusal is
 * looked at only when the buffer is full, so the common path stays as cheap as it was. Every field is
 * guarded by this object's monitor.
 */
final class MetricBuffer {
    /** One metric key of a run: its index for grouping, its name, and its last step for auto-steps. */
    static final class Key {
        final String name;
        final int index;
        /** Guarded by the buffer's monitor. */
        long lastStep;

        Key(String name, int index, long lastStep) {
            this.name = name;
            this.index = index;
            this.lastStep = lastStep;
        }
    }

    /** A drained set of arrays; the writer hands it back with {@link #recycle}. */
    static final class Batch {
        final Key[] keys;
        final long[] steps;
        final long[] times;
        final double[] values;
        int size;

        Batch(int capacity) {
            keys = new Key[capacity];
            steps = new long[capacity];
            times = new long[capacity];
            values = new double[capacity];
        }
    }

    private final int capacity;
    private final Runnable wakeWriter;
    private Batch filling;
    private Batch spare;
    private boolean callerWaiting;
    private boolean closed;
    private String refusal;

    MetricBuffer(int capacity, Runnable wakeWriter) {
        this.capacity = capacity;
        this.wakeWriter = wakeWriter;
        this.filling = new Batch(capacity);
        this.spare = new Batch(capacity);
    }

    /** Adds a point with an explicit step. */
    synchronized void add(Key key, long step, long time, double value) {
        awaitRoom();
        if (step > key.lastStep) {
            key.lastStep = step;
        }
        put(key, step, time, value);
    }

    /** Adds a point at the key's last step + 1 (0 for a new key). */
    synchronized void addNext(Key key, long time, double value) {
        awaitRoom();
        long step = key.lastStep == Long.MIN_VALUE ? 0 : key.lastStep + 1;
        key.lastStep = step;
        put(key, step, time, value);
    }

    private void put(Key key, long step, long time, double value) {
        Batch b = filling;
        int i = b.size;
        b.keys[i] = key;
        b.steps[i] = step;
        b.times[i] = time;
        b.values[i] = value;
        b.size = i + 1;
        if (i + 1 == capacity >> 1) {
            // Half full: start the writer early so a fast loop rarely has to wait.
            wakeWriter.run();
        }
    }

    private void awaitRoom() {
        while (filling.size == capacity) {
            if (closed) {
                throw new StoreException("The run's metric buffer was closed while waiting for room.");
            }
            if (refusal != null) {
                throw new StoreException(refusal);
            }
            callerWaiting = true;
            wakeWriter.run();
            try {
                wait(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TrackingException("Interrupted while waiting for the metric writer to make room", e);
            }
        }
    }

    /**
     * Takes everything buffered so far, or null when empty. Called only under the run's outbox lock, so
     * that drained sets enter the outbox in the order they were filled.
     */
    synchronized Batch drain() {
        if (filling.size == 0) {
            return null;
        }
        Batch full = filling;
        filling = spare != null ? spare : new Batch(capacity);
        spare = null;
        if (callerWaiting) {
            callerWaiting = false;
            notifyAll();
        }
        return full;
    }

    /** Returns a drained batch for reuse once its points are stored. */
    synchronized void recycle(Batch batch) {
        // Clear key references so ended runs' keys can be collected; values need no clearing.
        java.util.Arrays.fill(batch.keys, 0, batch.size, null);
        batch.size = 0;
        spare = batch;
    }

    synchronized int size() {
        return filling.size;
    }

    int capacity() {
        return capacity;
    }

    /** From now on a caller meeting a full buffer gets {@code message} as a StoreException instead of waiting. */
    synchronized void refuse(String message) {
        refusal = message;
        // Callers already waiting for room hear it now, not after their next timed wait.
        notifyAll();
    }

    /** Lifts a refusal: full buffers make callers wait for the writer again. */
    synchronized void accept() {
        refusal = null;
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }
}
