package org.labbook.extension.view;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The points of one metric of a live chart, recorded by the training loop and read by the redraw thread.
 *
 * <p>A chart never draws more than a couple of thousand points, so this keeps no more: the points fall
 * into {@value #BUCKETS} buckets of consecutive points, and each bucket keeps only its lowest and its highest
 * point, so spikes stay visible however long the loop runs. When the buckets are full, neighbours are merged
 * pairwise and each bucket takes twice as many points. Recording is a few comparisons on small arrays that
 * stay in the cache: no allocation, no lock, no waiting.
 *
 * <p>One writer (the loop), one reader (the redraw thread). The merges are fenced by a version number that
 * is odd while a merge runs, as in a sequence lock: the reader copies, and copies again if a merge happened
 * meanwhile. A frame may show the newest bucket half updated; the final frame is drawn on the loop's own
 * thread, after it stopped, and is exact.
 */
final class LivePoints {
    static final int BUCKETS = 1024;
    private static final VarHandle VERSION;
    private static final VarHandle SIZE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            VERSION = lookup.findVarHandle(LivePoints.class, "version", long.class);
            SIZE = lookup.findVarHandle(LivePoints.class, "size", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String key;
    private final long[] lowSteps = new long[BUCKETS];
    private final double[] lowValues = new double[BUCKETS];
    private final long[] highSteps = new long[BUCKETS];
    private final double[] highValues = new double[BUCKETS];
    // Points per bucket is 1 << shift.
    private int shift;
    private long count;
    @SuppressWarnings("unused") // through VERSION
    private long version;
    @SuppressWarnings("unused") // through SIZE
    private long size;

    LivePoints(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    /** Records a point. Call from one thread at a time (the loop that logs). */
    void add(long step, double value) {
        long n = count;
        int bucket = (int) (n >>> shift);
        if (bucket == BUCKETS) {
            mergePairs();
            bucket = (int) (n >>> shift);
        }
        if ((n & ((1L << shift) - 1)) == 0) {
            lowSteps[bucket] = step;
            lowValues[bucket] = value;
            highSteps[bucket] = step;
            highValues[bucket] = value;
        } else {
            // NaN never wins against a number, and a number always replaces a NaN.
            double low = lowValues[bucket];
            if (value < low || (low != low && value == value)) {
                lowValues[bucket] = value;
                lowSteps[bucket] = step;
            }
            double high = highValues[bucket];
            if (value > high || (high != high && value == value)) {
                highValues[bucket] = value;
                highSteps[bucket] = step;
            }
        }
        count = n + 1;
        SIZE.setRelease(this, n + 1);
    }

    /** Points recorded so far (not the points kept). */
    long size() {
        return (long) SIZE.getAcquire(this);
    }

    private void mergePairs() {
        long v = (long) VERSION.getOpaque(this);
        VERSION.setRelease(this, v + 1);
        VarHandle.releaseFence();
        for (int i = 0; i < BUCKETS / 2; i++) {
            int a = 2 * i;
            int b = a + 1;
            boolean lowFromB = lowValues[b] < lowValues[a] || (lowValues[a] != lowValues[a] && lowValues[b] == lowValues[b]);
            boolean highFromB = highValues[b] > highValues[a]
                    || (highValues[a] != highValues[a] && highValues[b] == highValues[b]);
            lowSteps[i] = lowFromB ? lowSteps[b] : lowSteps[a];
            lowValues[i] = lowFromB ? lowValues[b] : lowValues[a];
            highSteps[i] = highFromB ? highSteps[b] : highSteps[a];
            highValues[i] = highFromB ? highValues[b] : highValues[a];
        }
        shift++;
        VERSION.setRelease(this, v + 2);
    }

    /**
     * The kept points as a series of at most {@code maxPoints} (each bucket's low and high point, in step
     * order), reduced further the same way when the buckets hold more than that.
     */
    Series snapshot(String runLabel, int maxPoints) {
        while (true) {
            long before = (long) VERSION.getAcquire(this);
            if ((before & 1) != 0) {
                Thread.onSpinWait();
                continue;
            }
            long n = size();
            int width = shift;
            int used = (int) Math.min(BUCKETS, (n + (1L << width) - 1) >>> width);
            long[] steps = new long[used * 2];
            double[] values = new double[used * 2];
            int kept = 0;
            for (int b = 0; b < used; b++) {
                long lowStep = lowSteps[b];
                long highStep = highSteps[b];
                boolean lowFirst = lowStep <= highStep;
                steps[kept] = lowFirst ? lowStep : highStep;
                values[kept++] = lowFirst ? lowValues[b] : highValues[b];
                if (lowStep != highStep) {
                    steps[kept] = lowFirst ? highStep : lowStep;
                    values[kept++] = lowFirst ? highValues[b] : lowValues[b];
                }
            }
            VarHandle.acquireFence();
            if ((long) VERSION.getOpaque(this) != before) {
                continue;
            }
            Series series = new Series(runLabel, key, Arrays.copyOf(steps, kept), new long[kept],
                    Arrays.copyOf(values, kept));
            return Transforms.capPoints(series, maxPoints);
        }
    }
}
