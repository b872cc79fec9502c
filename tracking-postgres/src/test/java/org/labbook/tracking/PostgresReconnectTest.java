package org.labbook.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.tracking.spi.Stores;

/**
 * Connections that die in the middle of a session, not at open: every connection of the store is ended
 * by the server (as a restart, a failover or an idle-connection reaper does), or the server itself is
 * stopped and started again, between two calls of one tracker. The next reads and writes go through on
 * new connections, with no error and no line for the user. A PostgreSQL of this test's own.
 */
class PostgresReconnectTest {
    private static final TrackerOptions OPTIONS = TrackerOptions.defaults().withShutdownHook(false)
            .withFlushInterval(Duration.ofMillis(20));

    @TempDir
    Path tempDir;

    private EmbeddedPostgres server;
    private int port;
    private String uri;
    private final List<String> reports = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server = start(tempDir.resolve("data"), 0);
        port = server.getPort();
        execute("CREATE DATABASE reconnect");
        uri = "postgresql://postgres@127.0.0.1:" + port + "/reconnect";
    }

    @AfterEach
    void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void readsAndWritesRightAfterTheServerEndedEveryConnectionGoThrough() throws Exception {
        try (Tracker tracker = Tracker.create(Stores.open(uri), OPTIONS, true, reports::add)) {
            for (int round = 0; round < 3; round++) {
                Run run = tracker.start("reconnect", "round-" + round);
                run.param("round", round);
                run.metric("loss", 1.0, 0);
                tracker.flush();
                // Used a moment ago, so the pool hands them out again without checking them first.
                int ended = endEveryStoreConnection();
                assertThat(ended).as("connections of the store ended").isPositive();
                assertThat(tracker.runs(RunQuery.inExperiment("reconnect")).runs()).hasSize(round + 1);
                endEveryStoreConnection();
                run.param("after", "the connections ended");
                run.metric("loss", 0.5, 1);
                run.end(RunStatus.FINISHED);
                tracker.flush();
                RunDetails stored = tracker.details(run.id());
                assertThat(stored.params()).containsEntry("after", "the connections ended");
                assertThat(stored.status()).isEqualTo(RunStatus.FINISHED);
                assertThat(tracker.metricSummaries(run.id()).get("loss").count()).isEqualTo(2);
            }
        }
        assertThat(reports).isEmpty();
    }

    @Test
    void aServerRestartedBetweenTwoCallsIsReachedAgainOnTheSamePort() throws Exception {
        try (Tracker tracker = Tracker.create(Stores.open(uri), OPTIONS, true, reports::add)) {
            Run run = tracker.start("reconnect", "before");
            run.metric("loss", 1.0, 0);
            tracker.flush();
            server.close();
            server = start(tempDir.resolve("data"), port);
            assertThat(tracker.runs(RunQuery.inExperiment("reconnect")).runs()).extracting(RunDetails::name)
                    .containsExactly("before");
            run.param("restarted", true);
            run.metric("loss", 0.5, 1);
            run.end(RunStatus.FINISHED);
            tracker.flush();
            assertThat(tracker.details(run.id()).params()).containsEntry("restarted", "true");
            assertThat(tracker.history(run.id(), "loss")).extracting(MetricPoint::value).containsExactly(1.0, 0.5);
        }
    }

    /** Ends every session of the store's database but this one, as the server does when it restarts. */
    private int endEveryStoreConnection() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE datname = 'reconnect' AND pid <> pg_backend_pid()) ended")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static EmbeddedPostgres start(Path data, int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("fsync", "off");
        if (port != 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
