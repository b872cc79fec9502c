package org.labbook.benchmarks.tracking;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.labbook.tracking.Tracker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sustained ingest into the SQLite store, in points per second, from {@code run.metric} until
 * {@code flush()} returns (every point committed), against the baseline the issue names: a plain JDBC
 * batch insert of one row per point (run id, key, step, timestamp, value) in one transaction, into a
 * SQLite file with the same settings (WAL, synchronous=NORMAL). {@link TrackingBenchmarks} prints the
 * ratio. Target: at least 1,000,000 points/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class IngestBenchmark {
    static final int POINTS = 1_000_000;

    private Path dir;
    private Tracker tracker;
    private Connection baseline;
    private int invocation;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        dir = BenchStores.newTempDir("ingest");
        tracker = BenchStores.open(dir.resolve("store"));
        baseline = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("baseline.db"));
        try (Statement s = baseline.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("CREATE TABLE metrics (run_id TEXT NOT NULL, key TEXT NOT NULL, step INTEGER NOT NULL,"
                    + " timestamp INTEGER NOT NULL, value REAL)");
        }
    }

    /** The tracker: one run per invocation, a million points of one key, then wait until stored. */
    @Benchmark
    @OperationsPerInvocation(POINTS)
    public void labbookChunkedIngest() {
        BenchStores.ingest(tracker, "ingest-" + invocation++, POINTS);
    }

    /** Baseline: one row per point, JDBC batch, one transaction. */
    @Benchmark
    @OperationsPerInvocation(POINTS)
    public void jdbcRowPerPointBaseline() throws SQLException {
        String runId = "baseline-run-" + invocation++;
        baseline.setAutoCommit(false);
        try (PreparedStatement insert = baseline.prepareStatement(
                "INSERT INTO metrics (run_id, key, step, timestamp, value) VALUES (?, ?, ?, ?, ?)")) {
            double value = 0;
            long now = System.currentTimeMillis();
            for (int i = 0; i < POINTS; i++) {
                insert.setString(1, runId);
                insert.setString(2, "loss");
                insert.setLong(3, i);
                insert.setLong(4, now);
                insert.setDouble(5, value += 0.001);
                insert.addBatch();
                if ((i & 0xFFF) == 0xFFF) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        baseline.commit();
        baseline.setAutoCommit(true);
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        tracker.close();
        baseline.close();
        BenchStores.delete(dir);
    }
}
