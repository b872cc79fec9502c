package org.labbook.tracking.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The byte layout of one chunk of metric points, column by column so that a reader needing only
 * values (downsampling) touches few bytes, and every point stays addressable by index:
 *
 * <pre>
 *   int  flags            bit 0: steps form an arithmetic series; bit 1: timestamps are int offsets
 *   int  count
 *   long stepBase, stepDelta, timeBase
 *   steps       count × long        (absent when arithmetic: step(i) = stepBase + i × stepDelta)
 *   timestamps  count × int offset  (from timeBase; count × long when the span does not fit an int)
 *   values      count × double      raw IEEE-754 bits, so NaN and the infinities survive exactly
 * </pre>
 *
 * A training loop's chunk (steps 0,1,2,..., timestamps milliseconds apart) costs 12 bytes a point
 * instead of 24, which halves what SQLite has to write twice (WAL, then checkpoint).
 */
public final class ChunkCodec {
    private static final int ARITHMETIC_STEPS = 1;
    private static final int INT_TIMES = 2;
    private static final int HEADER = 32;

    private ChunkCodec() {
    }

    /** Encodes points {@code from .. from+count-1} of the arrays. */
    public static byte[] encode(long[] steps, long[] timestamps, double[] values, int from, int count) {
        long stepBase = count > 0 ? steps[from] : 0;
        long stepDelta = count > 1 ? steps[from + 1] - steps[from] : 0;
        boolean arithmetic = true;
        for (int i = 1; i < count && arithmetic; i++) {
            arithmetic = steps[from + i] == stepBase + i * stepDelta;
        }
        long timeBase = Long.MAX_VALUE;
        long timeMax = Long.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            timeBase = Math.min(timeBase, timestamps[from + i]);
            timeMax = Math.max(timeMax, timestamps[from + i]);
        }
        boolean intTimes = count == 0 || timeMax - timeBase <= Integer.MAX_VALUE;
        if (count == 0) {
            timeBase = 0;
        }
        int size = HEADER + (arithmetic ? 0 : count * 8) + count * (intTimes ? 4 : 8) + count * 8;
        byte[] bytes = new byte[size];
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt((arithmetic ? ARITHMETIC_STEPS : 0) | (intTimes ? INT_TIMES : 0));
        buffer.putInt(count);
        buffer.putLong(stepBase);
        buffer.putLong(stepDelta);
        buffer.putLong(timeBase);
        if (!arithmetic) {
            buffer.slice().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().put(steps, from, count);
            buffer.position(buffer.position() + count * 8);
        }
        if (intTimes) {
            for (int i = 0; i < count; i++) {
                buffer.putInt((int) (timestamps[from + i] - timeBase));
            }
        } else {
            buffer.slice().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().put(timestamps, from, count);
            buffer.position(buffer.position() + count * 8);
        }
        buffer.slice().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(values, from, count);
        return bytes;
    }

    /** Points per block of the per-chunk block summary. */
    public static final int BLOCK = 256;
    private static final int BLOCK_BYTES = 56;

    /**
     * The block summary of points {@code from .. from+count-1}: for every {@link #BLOCK} consecutive
     * points, the position, value, step and timestamp of the smallest and the largest value (NaN
     * ignored; a block of only NaN keeps its first point). Stored next to the chunk so that a history
     * read at coarse resolution reads about 0.2 bytes per point instead of 12.
     */
    public static byte[] encodeBlocks(long[] steps, long[] timestamps, double[] values, int from, int count) {
        int blocks = (count + BLOCK - 1) / BLOCK;
        ByteBuffer buffer = ByteBuffer.allocate(blocks * BLOCK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int b = 0; b < blocks; b++) {
            int start = b * BLOCK;
            int end = Math.min(count, start + BLOCK);
            int minAt = -1;
            int maxAt = -1;
            for (int i = start; i < end; i++) {
                double v = values[from + i];
                if (v != v) {
                    continue;
                }
                if (minAt < 0 || v < values[from + minAt]) {
                    minAt = i;
                }
                if (maxAt < 0 || v > values[from + maxAt]) {
                    maxAt = i;
                }
            }
            if (minAt < 0) {
                minAt = start;
                maxAt = start;
            }
            buffer.putInt(minAt).putInt(maxAt)
                    .putDouble(values[from + minAt]).putDouble(values[from + maxAt])
                    .putLong(steps[from + minAt]).putLong(steps[from + maxAt])
                    .putLong(timestamps[from + minAt]).putLong(timestamps[from + maxAt]);
        }
        return buffer.array();
    }

    /** A read view of a block summary. */
    public static Blocks decodeBlocks(byte[] bytes) {
        if (bytes.length % BLOCK_BYTES != 0) {
            throw new IllegalStateException("corrupt block summary of " + bytes.length + " bytes");
        }
        return new Blocks(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), bytes.length / BLOCK_BYTES);
    }

    /** The per-block extremes of one chunk; {@code which} is 0 for the minimum, 1 for the maximum. */
    public static final class Blocks {
        private final ByteBuffer buffer;
        private final int count;

        Blocks(ByteBuffer buffer, int count) {
            this.buffer = buffer;
            this.count = count;
        }

        public int count() {
            return count;
        }

        /** Position of the extreme within the chunk. */
        public int index(int block, int which) {
            return buffer.getInt(block * BLOCK_BYTES + which * 4);
        }

        public double value(int block, int which) {
            return buffer.getDouble(block * BLOCK_BYTES + 8 + which * 8);
        }

        public long step(int block, int which) {
            return buffer.getLong(block * BLOCK_BYTES + 24 + which * 8);
        }

        public long timestamp(int block, int which) {
            return buffer.getLong(block * BLOCK_BYTES + 40 + which * 8);
        }
    }

    /** A read view of an encoded chunk. */
    public static Chunk decode(byte[] bytes) {
        if (bytes.length < HEADER) {
            throw new IllegalStateException("corrupt metric chunk of " + bytes.length + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int flags = buffer.getInt(0);
        int count = buffer.getInt(4);
        boolean arithmetic = (flags & ARITHMETIC_STEPS) != 0;
        boolean intTimes = (flags & INT_TIMES) != 0;
        int timesAt = HEADER + (arithmetic ? 0 : count * 8);
        int valuesAt = timesAt + count * (intTimes ? 4 : 8);
        if (count < 0 || valuesAt + count * 8 != bytes.length) {
            throw new IllegalStateException("corrupt metric chunk: " + count + " points in " + bytes.length + " bytes");
        }
        return new Chunk(buffer, count, arithmetic, intTimes, buffer.getLong(8), buffer.getLong(16), buffer.getLong(24),
                timesAt, valuesAt);
    }

    /** Reads single points out of an encoded chunk without copying it. */
    public static final class Chunk {
        private final ByteBuffer buffer;
        private final int count;
        private final boolean arithmetic;
        private final boolean intTimes;
        private final long stepBase;
        private final long stepDelta;
        private final long timeBase;
        private final int timesAt;
        private final int valuesAt;

        Chunk(ByteBuffer buffer, int count, boolean arithmetic, boolean intTimes, long stepBase, long stepDelta,
              long timeBase, int timesAt, int valuesAt) {
            this.buffer = buffer;
            this.count = count;
            this.arithmetic = arithmetic;
            this.intTimes = intTimes;
            this.stepBase = stepBase;
            this.stepDelta = stepDelta;
            this.timeBase = timeBase;
            this.timesAt = timesAt;
            this.valuesAt = valuesAt;
        }

        public int count() {
            return count;
        }

        public long step(int i) {
            return arithmetic ? stepBase + i * stepDelta : buffer.getLong(HEADER + i * 8);
        }

        public long timestamp(int i) {
            return intTimes ? timeBase + (buffer.getInt(timesAt + i * 4) & 0xFFFFFFFFL) : buffer.getLong(timesAt + i * 8);
        }

        public double value(int i) {
            return buffer.getDouble(valuesAt + i * 8);
        }

        /** Copies all points into the arrays at {@code offset}. */
        public void copyTo(long[] steps, long[] timestamps, double[] values, int offset) {
            for (int i = 0; i < count; i++) {
                steps[offset + i] = step(i);
                timestamps[offset + i] = timestamp(i);
                values[offset + i] = value(i);
            }
        }
    }
}
