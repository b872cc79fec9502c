package org.labbook.tracking.internal;

import java.util.ArrayList;
import java.util.List;

import org.labbook.tracking.MetricPoint;

/**
 * The same min/max-per-bucket reduction as {@link Downsampler}, computed from the chunks' block
 * summaries instead of their points, for when a bucket spans several blocks (a million points read at
 * a thousand). Buckets are made of whole blocks, so the kept points are exactly the bucket extremes;
 * the first and last point of the series are supplied by the caller from the first and last chunk.
 */
public final class BlockDownsampler {
    private final String key;
    private final long totalPoints;
    private final long totalBlocks;
    private final long buckets;
    private final List<MetricPoint> middle = new ArrayList<>();

    private long blockOrdinal;
    private long pointsBefore;
    private long currentBucket = -1;
    private final long[] bestIndex = new long[2];
    private final double[] bestValue = new double[2];
    private final long[] bestStep = new long[2];
    private final long[] bestTime = new long[2];
    private boolean any;

    /** Whether block summaries are coarse enough for this request; otherwise read the points. */
    public static boolean suits(long totalPoints, int maxPoints) {
        if (maxPoints < 3 || totalPoints <= maxPoints) {
            return false;
        }
        long buckets = (maxPoints - 2) / 2;
        return totalPoints / buckets >= 2L * ChunkCodec.BLOCK;
    }

    public BlockDownsampler(String key, long totalPoints, long totalBlocks, int maxPoints) {
        this.key = key;
        this.totalPoints = totalPoints;
        this.totalBlocks = Math.max(1, totalBlocks);
        this.buckets = Math.max(1, (maxPoints - 2) / 2);
    }

    /** Feeds the block summary of the next chunk, which holds {@code chunkPoints} points. */
    public void accept(ChunkCodec.Blocks blocks, int chunkPoints) {
        for (int b = 0; b < blocks.count(); b++, blockOrdinal++) {
            long bucket = blockOrdinal * buckets / totalBlocks;
            if (bucket != currentBucket) {
                closeBucket();
                currentBucket = bucket;
            }
            for (int which = 0; which < 2; which++) {
                double v = blocks.value(b, which);
                long index = pointsBefore + blocks.index(b, which);
                boolean better = !any
                        || (bestValue[which] != bestValue[which] && v == v)
                        || (which == 0 ? v < bestValue[0] : v > bestValue[1]);
                if (better) {
                    bestIndex[which] = index;
                    bestValue[which] = v;
                    bestStep[which] = blocks.step(b, which);
                    bestTime[which] = blocks.timestamp(b, which);
                }
            }
            any = true;
        }
        pointsBefore += chunkPoints;
    }

    private void closeBucket() {
        if (!any) {
            return;
        }
        int first = bestIndex[0] <= bestIndex[1] ? 0 : 1;
        add(first);
        if (bestIndex[1 - first] != bestIndex[first]) {
            add(1 - first);
        }
        any = false;
    }

    private void add(int which) {
        // The series' first and last points are added by result(); don't repeat them.
        if (bestIndex[which] != 0 && bestIndex[which] != totalPoints - 1) {
            middle.add(new MetricPoint(key, bestValue[which], bestStep[which], bestTime[which]));
        }
    }

    /** The kept points in logging order, framed by the series' first and last points. */
    public List<MetricPoint> result(MetricPoint firstPoint, MetricPoint lastPoint) {
        closeBucket();
        List<MetricPoint> out = new ArrayList<>(middle.size() + 2);
        out.add(firstPoint);
        out.addAll(middle);
        out.add(lastPoint);
        return out;
    }
}
