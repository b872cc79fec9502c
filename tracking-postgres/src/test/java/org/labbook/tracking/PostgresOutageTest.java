package org.labbook.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.tracking.spi.Stores;

/**
 * The team server goes away in the middle of a run and comes back: a PostgreSQL of this test's own
 * (the shared test server stays up for the other tests) is stopped in immediate mode, as a crash or a
 * failover does, while the run logs, and started again on the same data directory and port. In this
 * package so that the tracker's reports can be collected rather than read off standard error.
 */
class PostgresOutageTest {
    private static final int POINTS = 100_000;
    private static final TrackerOptions OPTIONS = TrackerOptions.defaults().withShutdownHook(false)
            .withFlushInterval(Duration.ofMillis(20)).withBufferCapacity(1024).withOverflow(4096, 1_000_000)
            .withCloseTimeout(Duration.ofSeconds(60));

    @TempDir
    Path tempDir;

    private EmbeddedPostgres server;
    private final List<String> reports = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void serverStoppedImmediatelyMidRunAndStartedAgainGetsEveryPointOnceInOrder() throws Exception {
        Path data = tempDir.resolve("data");
        server = start(data, 0);
        int port = server.getPort();
        execute(port, "CREATE DATABASE outage");
        String uri = "postgresql://postgres@127.0.0.1:" + port + "/outage";

        try (Tracker tracker = Tracker.create(Stores.open(uri), OPTIONS, true, reports::add)) {
            Run run = tracker.start("outage", "through-a-restart");
            for (int i = 0; i < POINTS / 3; i++) {
                run.metric("loss", i * 0.5, i);
            }
            // No flush first: the writer is in the middle of storing when the server goes.
            assertThat(reports).isEmpty();
            stopImmediately(data);
            for (int i = POINTS / 3; i < 2 * POINTS / 3; i++) {
                run.metric("loss", i * 0.5, i);
            }
            awaitReport("points are waiting");

            server = start(data, port);
            for (int i = 2 * POINTS / 3; i < POINTS; i++) {
                run.metric("loss", i * 0.5, i);
            }
            run.end(RunStatus.FINISHED);
            awaitReport("again, after");

            List<MetricPoint> points = tracker.history(run.id(), "loss");
            assertThat(gaps(points)).as("steps missing, repeated or out of order").isEmpty();
            for (int i = 0; i < POINTS; i++) {
                assertThat(points.get(i).value()).as("value at step %s", i).isEqualTo(i * 0.5);
            }
            assertThat(tracker.metricSummaries(run.id()).get("loss").count()).isEqualTo(POINTS);
            assertThat(tracker.details(run.id()).status()).isEqualTo(RunStatus.FINISHED);
        }
        assertThat(reports).filteredOn(line -> line.contains("points are waiting")).singleElement()
                .satisfies(line -> assertThat(line).startsWith("labbook: ").doesNotContain("\n"));
        assertThat(reports).filteredOn(line -> line.contains("again, after")).singleElement()
                .satisfies(line -> assertThat(line).contains("127.0.0.1:" + port).doesNotContain("\n"));
        assertThat(reports).hasSize(2);
    }

    /** Where the stored steps differ from 0, 1, ..., POINTS - 1, as "expected step N, found M" (at most ten). */
    private static List<String> gaps(List<MetricPoint> points) {
        List<String> gaps = new ArrayList<>();
        int expected = 0;
        for (MetricPoint point : points) {
            if (point.step() != expected && gaps.size() < 10) {
                gaps.add("expected step " + expected + ", found " + point.step());
            }
            expected = (int) point.step() + 1;
        }
        if (expected != POINTS || points.size() != POINTS) {
            gaps.add(points.size() + " points, the last step " + (expected - 1));
        }
        return gaps;
    }

    private static EmbeddedPostgres start(Path data, int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off");
        if (port != 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    /**
     * {@code pg_ctl stop -m immediate}: SIGQUIT to the postmaster, which ends every backend at once without
     * a checkpoint; the next start recovers from the WAL. The handle is then closed so that its lock on the
     * data directory is released (its own fast stop finds no server).
     */
    private void stopImmediately(Path data) throws Exception {
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
        Process kill = new ProcessBuilder("kill", "-QUIT", String.valueOf(pid)).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
        Instant deadline = Instant.now().plusSeconds(30);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            assertThat(Instant.now()).as("postmaster %s still running", pid).isBefore(deadline);
            Thread.sleep(20);
        }
        server.close();
        server = null;
    }

    private void awaitReport(String text) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(90);
        while (reports.stream().noneMatch(line -> line.contains(text))) {
            assertThat(Instant.now()).as("a report containing '%s'; reports: %s", text, reports).isBefore(deadline);
            Thread.sleep(20);
        }
    }

    private static void execute(int port, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
