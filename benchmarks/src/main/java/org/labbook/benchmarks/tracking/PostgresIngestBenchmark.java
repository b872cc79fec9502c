package org.labbook.benchmarks.tracking;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
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
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Sustained ingest into the PostgreSQL team store, in points per second, from {@code run.metric} until
 * {@code flush()} returns, against the raw limit of the same server measured in the same run: COPY of
 * one row per point (run id, key, step, timestamp, value) into a plain table over one connection.
 * {@link PostgresBenchmarks} prints the ratio. Target: at least half the COPY rate.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class PostgresIngestBenchmark {
    static final int POINTS = 1_000_000;

    private PgServers.Server server;
    private Tracker tracker;
    private Connection baseline;
    private int invocation;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        server = PgServers.fresh();
        tracker = server.openTracker();
        baseline = server.connect();
        try (Statement s = baseline.createStatement()) {
            s.execute("CREATE TABLE copy_metrics (run_id TEXT NOT NULL, key TEXT NOT NULL, step BIGINT NOT NULL,"
                    + " timestamp BIGINT NOT NULL, value DOUBLE PRECISION)");
        }
    }

    /** The tracker: one run per invocation, a million points of one key, then wait until stored. */
    @Benchmark
    @OperationsPerInvocation(POINTS)
    public void labbookChunkedIngest() {
        BenchStores.ingest(tracker, "ingest-" + invocation++, POINTS);
    }

    /** Baseline: COPY of one text row per point, one transaction, over one connection. */
    @Benchmark
    @OperationsPerInvocation(POINTS)
    public long copyRowPerPointBaseline() throws SQLException, IOException {
        String prefix = String.format("%032x", invocation++) + "\tloss\t";
        long now = System.currentTimeMillis();
        CopyIn copy = baseline.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY copy_metrics (run_id, key, step, timestamp, value) FROM STDIN");
        try {
            StringBuilder text = new StringBuilder(1 << 20);
            double value = 0;
            for (int i = 0; i < POINTS; i++) {
                text.append(prefix).append(i).append('\t').append(now).append('\t').append(value += 0.001).append('\n');
                if (text.length() > (1 << 20) - 128) {
                    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                    copy.writeToCopy(bytes, 0, bytes.length);
                    text.setLength(0);
                }
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException, IOException {
        tracker.close();
        baseline.close();
        server.close();
    }
}
