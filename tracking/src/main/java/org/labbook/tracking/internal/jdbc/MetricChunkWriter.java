package org.labbook.tracking.internal.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.labbook.tracking.internal.ChunkCodec;
import org.labbook.tracking.spi.MetricColumns;

/**
 * Appends metric points to the chunk and summary tables, with the statements of one write transaction
 * prepared once and reused for every series of the batch.
 *
 * <p>Points are not one row each: a chunk row holds up to {@link #CHUNK_POINTS} points of one (run, key)
 * packed by {@link ChunkCodec}, with its step range and extremes. Chunks smaller than
 * {@link #SEAL_POINTS} are "open": a slow loop that stores a few points per flush would otherwise leave
 * many tiny rows, so open chunks are merged once enough pile up. The summary row keeps latest, min, max
 * and count, so searches never read points.
 *
 * <p>The latest value is the point with the highest step, then the latest timestamp, then the largest
 * value (NaN counting as larger than any number): the same whatever order points arrive in.
 */
final class MetricChunkWriter implements AutoCloseable {
    /** A full chunk; big enough that a BLOB row costs little per point. */
    static final int CHUNK_POINTS = 4096;
    /** Chunks smaller than this are "open" and get merged, so slow logging does not leave tiny rows. */
    static final int SEAL_POINTS = 512;
    /** How many open chunks may pile up before they are merged. */
    static final int MAX_OPEN_CHUNKS = 16;

    private final PreparedStatement selectSummary;
    private final PreparedStatement upsertSummary;
    private final PreparedStatement insertChunk;
    private final PreparedStatement selectOpenChunks;
    private final PreparedStatement deleteOpenChunks;

    MetricChunkWriter(Connection c, Dialect dialect) throws SQLException {
        selectSummary = c.prepareStatement("SELECT latest_bits, latest_step, latest_time, min_value, max_value, count,"
                + " next_seq, open_from_seq, open_chunks FROM metric_summaries WHERE run_id = ? AND key = ?");
        upsertSummary = c.prepareStatement(dialect.upsert("metric_summaries", List.of("run_id", "key"),
                List.of("run_id", "key", "latest", "latest_bits", "latest_step", "latest_time", "min_value", "max_value",
                        "count", "next_seq", "open_from_seq", "open_chunks"), true));
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
                min = JdbcValues.realOrNaN(rs, 4);
                max = JdbcValues.realOrNaN(rs, 5);
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
            if (count == 0 && i == 0 || isLater(steps[i], times[i], values[i], latestStep, latestTime, latest)) {
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
        JdbcValues.setReal(upsertSummary, 3, latest);
        upsertSummary.setLong(4, Double.doubleToRawLongBits(latest));
        upsertSummary.setLong(5, latestStep);
        upsertSummary.setLong(6, latestTime);
        JdbcValues.setReal(upsertSummary, 7, min);
        JdbcValues.setReal(upsertSummary, 8, max);
        upsertSummary.setLong(9, count);
        upsertSummary.setLong(10, nextSeq);
        upsertSummary.setLong(11, openFrom);
        upsertSummary.setInt(12, openChunks);
        upsertSummary.executeUpdate();
    }

    /** Whether a point replaces the latest one: higher step, then later timestamp, then larger value. */
    static boolean isLater(long step, long time, double value, long latestStep, long latestTime, double latest) {
        if (step != latestStep) {
            return step > latestStep;
        }
        if (time != latestTime) {
            return time > latestTime;
        }
        return Double.compare(value, latest) > 0;
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
        JdbcValues.setReal(insertChunk, 7, min);
        JdbcValues.setReal(insertChunk, 8, max);
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
