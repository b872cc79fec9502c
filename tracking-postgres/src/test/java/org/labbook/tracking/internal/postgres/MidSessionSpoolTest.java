package org.labbook.tracking.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.tracking.Note;
import org.labbook.tracking.Run;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.RunStatus;
import org.labbook.tracking.StoreLocation;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.TrackerOptions;
import org.labbook.tracking.spi.RunStore;

/**
 * The server goes away in the middle of a session that opened the team store online: params, tags,
 * notes, artifacts, ends and a run started meanwhile go to a spool of the outage, points wait with the
 * writer, and all of it reaches the team store once, in order, when the server answers again; one line
 * each way. A PostgreSQL of this test's own, stopped and started again on the same port.
 */
class MidSessionSpoolTest {
    private static final TrackerOptions OPTIONS = TrackerOptions.defaults().withShutdownHook(false)
            .withFlushInterval(Duration.ofMillis(50)).withCloseTimeout(Duration.ofSeconds(120));

    @TempDir
    Path tempDir;

    private EmbeddedPostgres server;

    @AfterEach
    void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void whatASessionLogsWhileTheServerIsAwayArrivesOnceWhenItAnswers() throws Exception {
        server = start(0);
        int port = server.getPort();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE team");
        }
        String uri = "postgresql://postgres@127.0.0.1:" + port + "/team";
        Path home = Files.createDirectories(tempDir.resolve("home"));
        Map<String, String> environment = Map.of(OfflineSpool.FOLDER_VARIABLE, tempDir.resolve("spools").toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream lines = new PrintStream(out, true, StandardCharsets.UTF_8);

        String firstId;
        String offlineId;
        RunStore store = OfflineSpool.open(StoreLocation.parse(uri, "test", home), Duration.ofSeconds(60), environment,
                home, lines);
        try (Tracker tracker = Tracker.create(store, OPTIONS, true)) {
            Run first = tracker.start("outage", "through-it");
            firstId = first.id();
            first.param("before", 1);
            first.metric("loss", 1.0, 0);
            first.flush();

            server.close();
            server = null;
            long before = System.nanoTime();
            first.param("during", 2);
            // The first call that meets the outage waits the connection limit (5 s by default), not the
            // pool's 30 s; the margin is for a busy machine.
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(20));
            first.tag("phase", "offline");
            first.note("the server is away");
            first.artifact(new byte[] {7, 8, 9}, "model.bin");
            for (int i = 1; i < 1_000; i++) {
                first.metric("loss", 1.0 / (i + 1), i);
            }
            Run offline = tracker.start("outage", "started-while-away");
            offlineId = offline.id();
            offline.param("lr", 0.3);
            for (int i = 0; i < 500; i++) {
                offline.metric("acc", i / 500.0, i);
            }
            offline.end(RunStatus.FINISHED);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("stopped answering");

            server = start(port);
            // The spool is replayed by the first write that finds the server answering; the store probes
            // it at most every few seconds, and until then the run's writes keep going to the spool.
            long deadline = System.nanoTime() + 60_000_000_000L;
            for (int i = 0; !out.toString(StandardCharsets.UTF_8).contains("is caught up"); i++) {
                assertThat(System.nanoTime()).as("caught up within 60 s: %s", out).isLessThan(deadline);
                first.tag("attempt", String.valueOf(i));
                Thread.sleep(200);
            }
            first.param("after", 3);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("is caught up: 2 runs checked");
            first.end(RunStatus.FINISHED);
            tracker.flush();

            RunDetails through = tracker.details(firstId);
            assertThat(through.params()).containsEntry("before", "1").containsEntry("during", "2").containsEntry("after", "3");
            assertThat(through.tags()).containsEntry("phase", "offline");
            assertThat(through.status()).isEqualTo(RunStatus.FINISHED);
            assertThat(store.notes(firstId)).extracting(Note::text).containsExactly("the server is away");
            assertThat(store.readArtifact(store.artifacts(firstId).get(0))).containsExactly(7, 8, 9);
            assertThat(tracker.metricSummaries(firstId).get("loss").count()).isEqualTo(1_000);
            RunDetails started = tracker.details(offlineId);
            assertThat(started.params()).containsEntry("lr", "0.3");
            assertThat(started.status()).isEqualTo(RunStatus.FINISHED);
            assertThat(tracker.metricSummaries(offlineId).get("acc").count()).isEqualTo(500);
        }
        String shown = out.toString(StandardCharsets.UTF_8);
        assertThat(shown.lines().filter(l -> l.contains("stopped answering"))).hasSize(1);
        assertThat(shown.lines().filter(l -> l.contains("is caught up"))).hasSize(1);
        try (Stream<Path> spools = Files.list(tempDir.resolve("spools"))) {
            assertThat(spools.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains("-session-"));
        }
    }

    private EmbeddedPostgres start(int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(tempDir.resolve("data"))
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("fsync", "off");
        if (port != 0) {
            builder.setPort(port);
        }
        return builder.start();
    }
}
