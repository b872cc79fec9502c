package org.labbook.tracking.internal;

import java.util.ArrayList;
import java.util.List;

import org.labbook.tracking.MetricPoint;

/**
 * Reduces a stream of points to at most {@code maxPoints} while keeping spikes: the points are cut into
 * buckets of consecutive points, and each bucket keeps its smallest and its largest value, in logging
 * order; the first and last points are always kept. A loss curve that diverged for one step still
 * shows that step, which averaging or striding would hide.
 *
 * <p>It is fed chunk by chunk and keeps only the current bucket, so reading a million points costs one
 * pass over the stored bytes and no per-point objects. A bucket made only of NaN keeps its first NaN,
 * so a divergence stays visible.
 */
public final class Downsampler {
    private final String key;
    private final long total;
    private final int maxPoints;
    private final long buckets;
    private final List<MetricPoint> out;

    private long index;
    private long currentBucket = -1;
    private ChunkCodec.Chunk minChunk;
    private int minAt;
    private double minValue;
    private long minIndex;
    private ChunkCodec.Chunk maxChunk;
    private int maxAt;
    private double maxValue;
    private long maxIndex;
    private ChunkCodec.Chunk nanChunk;
    private int nanAt;

    /**
     * @param total how many points will be fed (the stored count)
     */
    public Downsampler(String key, long total, int maxPoints) {
        if (maxPoints < 1) {
            throw new IllegalArgumentException("maxPoints must be >= 1");
        }
        this.key = key;
        this.total = total;
        this.maxPoints = maxPoints;
        // First and last are kept on their own; every bucket yields up to two points.
        this.buckets = Math.max(1, (maxPoints - 2) / 2);
        this.out = new ArrayList<>((int) Math.min(total, maxPoints) + 2);
    }

    /** Whether this reader keeps every point (nothing to reduce). */
    public boolean keepsAll() {
        return total <= maxPoints;
    }

    /** Feeds the next chunk of points, in logging order. */
    public void accept(ChunkCodec.Chunk chunk) {
        int n = chunk.count();
        if (keepsAll() || maxPoints < 3) {
            for (int i = 0; i < n; i++, index++) {
                if (keepsAll() || index == 0 || (maxPoints == 2 && index == total - 1)) {
                    out.add(point(chunk, i));
                }
            }
            return;
        }
        for (int i = 0; i < n; i++, index++) {
            if (index == 0 || index == total - 1) {
                closeBucket();
                out.add(point(chunk, i));
                continue;
            }
            long bucket = (index - 1) * buckets / (total - 2);
            if (bucket != currentBucket) {
                closeBucket();
                currentBucket = bucket;
            }
            double v = chunk.value(i);
            if (v != v) { // NaN
                if (nanChunk == null) {
                    nanChunk = chunk;
                    nanAt = i;
                }
                continue;
            }
            if (minChunk == null || v < minValue) {
                minChunk = chunk;
                minAt = i;
                minValue = v;
                minIndex = index;
            }
            if (maxChunk == null || v > maxValue) {
                maxChunk = chunk;
                maxAt = i;
                maxValue = v;
                maxIndex = index;
            }
        }
    }

    private void closeBucket() {
        if (minChunk != null) {
            if (minIndex == maxIndex) {
                out.add(point(minChunk, minAt));
            } else if (minIndex < maxIndex) {
                out.add(point(minChunk, minAt));
                out.add(point(maxChunk, maxAt));
            } else {
                out.add(point(maxChunk, maxAt));
                out.add(point(minChunk, minAt));
            }
        } else if (nanChunk != null) {
            out.add(point(nanChunk, nanAt));
        }
        minChunk = null;
        maxChunk = null;
        nanChunk = null;
        currentBucket = -1;
    }

    /** The kept points, in logging order. */
    public List<MetricPoint> result() {
        closeBucket();
        return out;
    }

    private MetricPoint point(ChunkCodec.Chunk chunk, int i) {
        return new MetricPoint(key, chunk.value(i), chunk.step(i), chunk.timestamp(i));
    }
}
