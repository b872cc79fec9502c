package org.labbook.tracking.internal.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.labbook.tracking.MetricPoint;
import org.labbook.tracking.MetricSummary;
import org.labbook.tracking.NotFoundException;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.RunInfo;
import org.labbook.tracking.RunPage;
import org.labbook.tracking.RunQuery;
import org.labbook.tracking.RunSource;
import org.labbook.tracking.RunStatus;
import org.labbook.tracking.ValidationException;
import org.labbook.tracking.internal.BlockDownsampler;
import org.labbook.tracking.internal.ChunkCodec;
import org.labbook.tracking.internal.Downsampler;
import org.labbook.tracking.query.Filter;
import org.labbook.tracking.query.FilterParser;
import org.labbook.tracking.query.OrderBy;
import org.labbook.tracking.spi.Validation;

/**
 * The store core's reads: runs with their params, tags and metric summaries, searches with paging, and
 * metric histories downsampled in the store. Each public entry is one read transaction, so what it
 * returns is one consistent snapshot while writers go on.
 */
final class RunReads {
    static final String RUN_COLUMNS = "r.run_id, r.name, r.experiment_id, e.name, r.start_time, r.end_time,"
            + " r.user_name, r.parent_run_id, r.notebook_path, r.kernel_session, r.entry_point, r.git_commit, r.heartbeat, r.deleted";

    private final Dialect dialect;
    private final Transactor tx;
    private final Duration crashTimeout;

    RunReads(Dialect dialect, Transactor tx, Duration crashTimeout) {
        this.dialect = dialect;
        this.tx = tx;
        this.crashTimeout = crashTimeout;
    }

    /** Throws the user-facing error when the run does not exist. */
    static void requireRun(Connection c, String runId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT 1 FROM runs WHERE run_id = ?")) {
            select.setString(1, runId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("No run with id '" + Validation.shorten(runId)
                            + "' in this store. List runs with tracker.runs(...) or %track runs.");
                }
            }
        }
    }

    // ---- metrics ---------------------------------------------------------------------------

    Map<String, MetricSummary> metricSummaries(String runId) {
        return tx.read("read metric summaries of run " + runId, c -> {
            requireRun(c, runId);
            return summaries(c, List.of(runId)).getOrDefault(runId, Map.of());
        });
    }

    Map<String, Map<String, MetricSummary>> summaries(Connection c, List<String> runIds) throws SQLException {
        Map<String, Map<String, MetricSummary>> result = new HashMap<>();
        JdbcValues.forEachSlice(dialect, runIds, slice -> {
            SqlText sql = new SqlText().sql("SELECT run_id, key, latest_bits, latest_step, latest_time, min_value, max_value, count"
                    + " FROM metric_summaries WHERE run_id IN ").args(slice);
            try (PreparedStatement select = c.prepareStatement(sql.text())) {
                sql.bind(select);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        String key = rs.getString(2);
                        result.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(key, new MetricSummary(key,
                                Double.longBitsToDouble(rs.getLong(3)), rs.getLong(4), rs.getLong(5),
                                JdbcValues.realOrNaN(rs, 6), JdbcValues.realOrNaN(rs, 7), rs.getLong(8)));
                    }
                }
            }
        });
        return result;
    }

    List<MetricPoint> history(String runId, String key, int maxPoints) {
        if (maxPoints < 1) {
            throw new ValidationException("Invalid maxPoints " + maxPoints + ": ask for at least 1 point.");
        }
        return tx.read("read metric '" + Validation.shorten(key) + "' of run " + runId, c -> {
            Optional<List<MetricPoint>> points = readHistory(c, runId, key, maxPoints);
            if (points.isPresent()) {
                return points.get();
            }
            requireRun(c, runId);
            Map<String, MetricSummary> known = summaries(c, List.of(runId)).getOrDefault(runId, Map.of());
            throw new NotFoundException("Run " + runId + " has no metric '" + Validation.shorten(key) + "'."
                    + (known.isEmpty() ? " It has no metrics yet." : " Its metrics are: " + String.join(", ", known.keySet()) + "."));
        });
    }

    Map<String, List<MetricPoint>> histories(Collection<String> runIds, String key, int maxPoints) {
        if (maxPoints < 1) {
            throw new ValidationException("Invalid maxPoints " + maxPoints + ": ask for at least 1 point.");
        }
        return tx.read("read metric '" + Validation.shorten(key) + "' of " + runIds.size() + " runs", c -> {
            Map<String, List<MetricPoint>> result = new LinkedHashMap<>();
            for (String runId : runIds) {
                result.put(runId, readHistory(c, runId, key, maxPoints).orElse(List.of()));
            }
            return result;
        });
    }

    /** Streams the chunks of one series through the downsampler; empty when the run has no such key. */
    private static Optional<List<MetricPoint>> readHistory(Connection c, String runId, String key, int maxPoints)
            throws SQLException {
        long count;
        try (PreparedStatement select = c.prepareStatement("SELECT count FROM metric_summaries WHERE run_id = ? AND key = ?")) {
            select.setString(1, runId);
            select.setString(2, key);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                count = rs.getLong(1);
            }
        }
        if (BlockDownsampler.suits(count, maxPoints)) {
            return Optional.of(readBlocks(c, runId, key, count, maxPoints));
        }
        Downsampler downsampler = new Downsampler(key, count, maxPoints);
        try (PreparedStatement select = c.prepareStatement("SELECT data FROM metric_chunks WHERE run_id = ? AND key = ? ORDER BY seq")) {
            select.setString(1, runId);
            select.setString(2, key);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    downsampler.accept(ChunkCodec.decode(rs.getBytes(1)));
                }
            }
        }
        return Optional.of(downsampler.result());
    }

    /** Coarse reads: only the block summaries, plus the first and last chunk for the series' ends. */
    private static List<MetricPoint> readBlocks(Connection c, String runId, String key, long count, int maxPoints)
            throws SQLException {
        long totalBlocks;
        try (PreparedStatement select = c.prepareStatement(
                "SELECT sum((count + " + (ChunkCodec.BLOCK - 1) + ") / " + ChunkCodec.BLOCK + ") FROM metric_chunks WHERE run_id = ? AND key = ?")) {
            select.setString(1, runId);
            select.setString(2, key);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                totalBlocks = rs.getLong(1);
            }
        }
        BlockDownsampler downsampler = new BlockDownsampler(key, count, totalBlocks, maxPoints);
        try (PreparedStatement select = c.prepareStatement(
                "SELECT count, blocks FROM metric_chunks WHERE run_id = ? AND key = ? ORDER BY seq")) {
            select.setString(1, runId);
            select.setString(2, key);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    downsampler.accept(ChunkCodec.decodeBlocks(rs.getBytes(2)), rs.getInt(1));
                }
            }
        }
        return downsampler.result(endPoint(c, runId, key, true), endPoint(c, runId, key, false));
    }

    private static MetricPoint endPoint(Connection c, String runId, String key, boolean first) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT data FROM metric_chunks WHERE run_id = ? AND key = ?"
                + (first ? " ORDER BY seq ASC LIMIT 1" : " ORDER BY seq DESC LIMIT 1"))) {
            select.setString(1, runId);
            select.setString(2, key);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                ChunkCodec.Chunk chunk = ChunkCodec.decode(rs.getBytes(1));
                int i = first ? 0 : chunk.count() - 1;
                return new MetricPoint(key, chunk.value(i), chunk.step(i), chunk.timestamp(i));
            }
        }
    }

    // ---- runs: reading ---------------------------------------------------------------------------

    private long crashCutoff() {
        return System.currentTimeMillis() - crashTimeout.toMillis();
    }

    Optional<RunInfo> loadRunInfo(Connection c, String runId) throws SQLException {
        List<RunInfo> found = selectRuns(c, new SqlText().sql(" WHERE r.run_id = ").arg(runId));
        return found.stream().findFirst();
    }

    /** Selects runs with a WHERE/ORDER/LIMIT tail appended to the common column list. */
    private List<RunInfo> selectRuns(Connection c, SqlText tail) throws SQLException {
        return selectRuns(c, new SqlText(), tail);
    }

    /** Selects runs with joins (for sort keys) and a WHERE/ORDER/LIMIT tail appended to the common columns. */
    private List<RunInfo> selectRuns(Connection c, SqlText joins, SqlText tail) throws SQLException {
        FilterCompiler compiler = new FilterCompiler(dialect, crashCutoff());
        SqlText sql = new SqlText().sql("SELECT ").sql(RUN_COLUMNS).sql(", ").append(compiler.status())
                .sql(" FROM runs r JOIN experiments e ON e.experiment_id = r.experiment_id").append(joins).append(tail);
        try (PreparedStatement select = c.prepareStatement(sql.text())) {
            sql.bind(select);
            try (ResultSet rs = select.executeQuery()) {
                List<RunInfo> runs = new ArrayList<>();
                while (rs.next()) {
                    runs.add(runInfo(rs));
                }
                return runs;
            }
        }
    }

    private static RunInfo runInfo(ResultSet rs) throws SQLException {
        long end = rs.getLong(6);
        Instant endTime = rs.wasNull() ? null : Instant.ofEpochMilli(end);
        return new RunInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                RunStatus.valueOf(rs.getString(15)), Instant.ofEpochMilli(rs.getLong(5)), endTime, rs.getString(7),
                rs.getString(8), new RunSource(rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12)),
                Instant.ofEpochMilli(rs.getLong(13)), rs.getInt(14) != 0);
    }

    Optional<RunDetails> findRun(String runId) {
        return tx.read("read run " + Validation.shorten(runId), c -> {
            Optional<RunInfo> info = loadRunInfo(c, runId);
            if (info.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(details(c, info.get()));
        });
    }

    RunDetails details(Connection c, RunInfo info) throws SQLException {
        return withDetails(c, List.of(info)).get(0);
    }

    /** Loads params, tags and metric summaries of many runs with a few IN queries. */
    private List<RunDetails> withDetails(Connection c, List<RunInfo> runs) throws SQLException {
        List<String> ids = runs.stream().map(RunInfo::id).toList();
        Map<String, Map<String, String>> params = keyValues(c, "params", ids);
        Map<String, Map<String, String>> tags = keyValues(c, "tags", ids);
        Map<String, Map<String, MetricSummary>> metrics = summaries(c, ids);
        List<RunDetails> result = new ArrayList<>(runs.size());
        for (RunInfo run : runs) {
            result.add(new RunDetails(run, params.getOrDefault(run.id(), Map.of()), tags.getOrDefault(run.id(), Map.of()),
                    metrics.getOrDefault(run.id(), Map.of())));
        }
        return result;
    }

    private Map<String, Map<String, String>> keyValues(Connection c, String table, List<String> runIds) throws SQLException {
        Map<String, Map<String, String>> result = new HashMap<>();
        String head = switch (table) {
            case "params" -> "SELECT run_id, key, value FROM params WHERE run_id IN ";
            case "tags" -> "SELECT run_id, key, value FROM tags WHERE run_id IN ";
            default -> throw new IllegalArgumentException(table);
        };
        JdbcValues.forEachSlice(dialect, runIds, slice -> {
            SqlText sql = new SqlText().sql(head).args(slice);
            try (PreparedStatement select = c.prepareStatement(sql.text())) {
                sql.bind(select);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        result.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getString(3));
                    }
                }
            }
        });
        return result;
    }

    List<RunInfo> runsByIdPrefix(String prefix, int limit) {
        if (prefix.isEmpty()) {
            return List.of();
        }
        // A range on the primary key instead of LIKE, so '%' or '_' in the prefix mean nothing special.
        return tx.read("find runs by id prefix", c -> selectRuns(c, new SqlText().sql(" WHERE r.run_id >= ").arg(prefix)
                .sql(" AND r.run_id < ").arg(prefix + Character.MAX_VALUE).sql(" AND r.deleted = 0 ORDER BY r.run_id LIMIT ")
                .arg(limit)));
    }

    List<RunInfo> runsByName(String name, Optional<String> experimentName, int limit) {
        return tx.read("find runs by name", c -> {
            SqlText tail = new SqlText().sql(" WHERE r.name = ").arg(name).sql(" AND r.deleted = 0");
            experimentName.ifPresent(e -> tail.sql(" AND e.name = ").arg(e));
            return selectRuns(c, tail.sql(" ORDER BY r.start_time DESC, ").sql(dialect.runCreationOrder()).sql(" DESC LIMIT ").arg(limit));
        });
    }

    Optional<RunInfo> latestRun(Optional<String> experimentName) {
        return tx.read("find the latest run", c -> {
            SqlText tail = new SqlText().sql(" WHERE r.deleted = 0");
            experimentName.ifPresent(e -> tail.sql(" AND e.name = ").arg(e));
            return selectRuns(c, tail.sql(" ORDER BY r.start_time DESC, ").sql(dialect.runCreationOrder()).sql(" DESC LIMIT 1")).stream().findFirst();
        });
    }

    RunPage search(RunQuery query) {
        // Parse before touching the database, so a bad filter fails fast with its column.
        Filter filter = query.filter() == null ? Filter.all() : FilterParser.parse(query.filter());
        // One list, so that a key repeated across clauses is reported like one repeated within a clause.
        List<OrderBy> orders = FilterParser.parseOrderByList(query.orderBy());
        long offset = decodePageToken(query.pageToken());
        return tx.read("search runs", c -> {
            FilterCompiler compiler = new FilterCompiler(dialect, crashCutoff());
            SqlText tail = new SqlText().sql(" WHERE 1 = 1");
            if (!query.includeDeleted()) {
                tail.sql(" AND r.deleted = 0");
            }
            if (!query.experiments().isEmpty()) {
                // A subquery rather than a test on the joined e.name: it lets SQLite drive the search from
                // the most selective clause (e.g. a metric's index) instead of walking every run of the experiment.
                tail.sql(" AND r.experiment_id IN (SELECT experiment_id FROM experiments WHERE name IN ")
                        .args(query.experiments()).sql(")");
            }
            if (!filter.matchesAll()) {
                tail.sql(" AND ").append(compiler.where(filter));
            }
            SqlText joins = new SqlText();
            SqlText orderBy = new SqlText();
            for (int i = 0; i < orders.size(); i++) {
                compiler.order(orders.get(i), "o" + i, filter, joins, orderBy);
            }
            tail.sql(" ORDER BY ").append(orderBy);
            // The creation order breaks ties of equal start milliseconds.
            tail.sql("r.start_time DESC, ").sql(dialect.runCreationOrder()).sql(" DESC LIMIT ").arg(query.limit() + 1).sql(" OFFSET ").arg(offset);
            List<RunInfo> runs = selectRuns(c, joins, tail);
            Optional<String> next = Optional.empty();
            if (runs.size() > query.limit()) {
                runs = runs.subList(0, query.limit());
                next = Optional.of(encodePageToken(offset + query.limit()));
            }
            return new RunPage(withDetails(c, runs), next);
        });
    }

    private static String encodePageToken(long offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static long decodePageToken(String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith("offset:")) {
                long offset = Long.parseLong(text.substring("offset:".length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the message below
        }
        throw new ValidationException("Invalid page token '" + Validation.shorten(token)
                + "'. Pass the nextPageToken of the previous page unchanged, or none for the first page.");
    }
}
