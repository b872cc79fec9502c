package org.labbook.tracking.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.tracking.MetricPoint;
import org.labbook.tracking.Note;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.RunQuery;
import org.labbook.tracking.RunStatus;
import org.labbook.tracking.StoreLocation;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.TrackerOptions;
import org.labbook.tracking.postgres.TeamSync;
import org.labbook.tracking.spi.RunStore;
import org.labbook.tracking.spi.Stores;

/**
 * The spool: a session that opens the team store while its server is down logs to the spool and says so
 * in one line; the next open that reaches the server replays it, once; a client killed (SIGKILL) while
 * its points are spooled loses nothing that reached the spool, {@code labbook sync} delivers it and a
 * second sync changes nothing. The password never shows. A PostgreSQL of this test's own, stopped and
 * started again on the same port.
 */
class OfflineSpoolTest {
    private static final String PASSWORD = "s3cr:t/@pw";
    /** No system metrics, so that the counts below are the points the test logs. */
    private static final TrackerOptions OPTIONS = TrackerOptions.defaults().withShutdownHook(false)
            .withFlushInterval(Duration.ofMillis(20)).withSystemMetricsInterval(Duration.ZERO);

    @TempDir
    Path tempDir;

    private EmbeddedPostgres server;
    private int port;
    private Path home;
    private Map<String, String> environment;
    private String uri;

    @BeforeEach
    void startThenStopServer() throws Exception {
        server = start(0);
        port = server.getPort();
        execute("CREATE ROLE ada LOGIN PASSWORD 'unused'");
        execute("CREATE DATABASE team OWNER ada");
        server.close();
        server = null;
        home = Files.createDirectories(tempDir.resolve("home"));
        environment = Map.of(OfflineSpool.FOLDER_VARIABLE, tempDir.resolve("spools").toString(),
                Credentials.PASSWORD_VARIABLE, PASSWORD);
        uri = "postgresql://ada@127.0.0.1:" + port + "/team";
    }

    @AfterEach
    void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aSessionOpenedOfflineIsSpooledAndReplayedOnceAtTheNextOpenThatReachesTheServer() throws Exception {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        String id;
        try (RunStore offline = open(lines); Tracker tracker = Tracker.create(offline, OPTIONS, false)) {
            assertThat(offline.location().directory()).isEqualTo(OfflineSpool.folder(uri, environment, home));
            try (var run = tracker.start("offline", "on-the-train")) {
                id = run.id();
                run.param("lr", 0.1).tag("where", "train").note("no network");
                for (int i = 0; i < 10_000; i++) {
                    run.metric("loss", i, i);
                }
            }
        }
        String offlineLine = lines.toString(StandardCharsets.UTF_8);
        assertThat(offlineLine.lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("labbook: the PostgreSQL store postgresql://ada@127.0.0.1:" + port + "/team is offline (")
                .contains("0 runs already waiting").contains("labbook sync"));

        server = start(port);
        lines.reset();
        try (RunStore team = open(lines)) {
            assertThat(team.location().scheme()).isEqualTo("postgresql");
            assertThat(lines.toString(StandardCharsets.UTF_8).lines()).singleElement().satisfies(line ->
                    assertThat(line).startsWith("labbook: the spool ").contains("is caught up with postgresql://ada@127.0.0.1:" + port + "/team")
                            .contains("1 new").contains("10000 metric points"));
            RunDetails run = team.findRun(id).orElseThrow();
            assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
            assertThat(run.params()).containsEntry("lr", "0.1");
            assertThat(team.notes(id)).extracting(Note::text).containsExactly("no network");
            assertThat(team.metricSummaries(id).get("loss").count()).isEqualTo(10_000);
        }
        lines.reset();
        try (RunStore team = open(lines)) {
            assertThat(lines.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(team.search(RunQuery.all()).runs()).hasSize(1);
            assertThat(team.metricSummaries(id).get("loss").count()).isEqualTo(10_000);
        }
        assertNoPassword(offlineLine);
    }

    @Test
    void aClientKilledWhileSpoolingLosesNothingTheSpoolHoldsAndSyncDeliversItOnce() throws Exception {
        Path spools = tempDir.resolve("spools");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"), SpoolingChild.class.getName(), uri)
                .redirectError(tempDir.resolve("child-stderr.txt").toFile());
        builder.environment().put(OfflineSpool.FOLDER_VARIABLE, spools.toString());
        builder.environment().put(Credentials.PASSWORD_VARIABLE, PASSWORD);
        builder.environment().remove("LABBOOK_STORE");
        Process child = builder.start();
        List<String> childOut = new ArrayList<>();
        long flushed = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (flushed < 30_000 && (line = out.readLine()) != null) {
                childOut.add(line);
                if (line.startsWith("flushed ")) {
                    flushed = Long.parseLong(line.substring("flushed ".length()));
                }
            }
            assertThat(flushed).as("points the child flushed; its output: %s", childOut).isGreaterThanOrEqualTo(30_000);
            // SIGKILL: no shutdown hook, no close, whatever the writer held in memory is gone.
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).isEqualTo(137);
        String runId = childOut.get(0).substring("run ".length());
        String childErr = Files.readString(tempDir.resolve("child-stderr.txt"));
        assertThat(childErr).contains("is offline");

        Path spool = OfflineSpool.folder(uri, environment, home);
        long spooled;
        List<MetricPoint> spooledPoints;
        try (RunStore local = Stores.open("sqlite:" + spool)) {
            spooled = local.metricSummaries(runId).get("loss").count();
            spooledPoints = local.history(runId, "loss", Integer.MAX_VALUE);
        }
        assertThat(spooled).isGreaterThanOrEqualTo(flushed);

        server = start(port);
        String first = sync();
        assertThat(first).contains("1 new").contains(spooled + " metric points").contains("1 note").contains("1 artifact");
        String second = sync();
        assertThat(second).contains("1 run checked, all already there; nothing changed");

        try (RunStore team = OfflineSpool.openWithoutSpool(StoreLocation.parse(uri, "test", home), environment, home)) {
            RunDetails run = team.findRun(runId).orElseThrow();
            assertThat(run.params()).containsEntry("lr", "0.01");
            assertThat(run.tags()).containsEntry("machine", "laptop");
            assertThat(team.notes(runId)).extracting(Note::text).containsExactly("started offline");
            assertThat(team.metricSummaries(runId).get("loss").count()).isEqualTo(spooled);
            List<MetricPoint> delivered = team.history(runId, "loss", Integer.MAX_VALUE);
            assertThat(delivered).isEqualTo(spooledPoints);
            for (int i = 0; i < delivered.size(); i++) {
                assertThat(delivered.get(i).step()).isEqualTo(i);
            }
            Path export = tempDir.resolve("config.json");
            team.exportArtifact(team.artifacts(runId).get(0), export);
            assertNoPassword(Files.readString(export));
        }
        assertNoPassword(String.join("\n", childOut) + childErr + first + second);
        assertNoPassword(tableText());
        try (Stream<Path> files = Files.walk(tempDir)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.startsWith(tempDir.resolve("data"))).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as("file %s", file)
                        .doesNotContain(PASSWORD).doesNotContain("s3cr");
            }
        }
    }

    private String sync() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TeamSync.run(null, uri, environment, home, tempDir, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as("exit code; stderr: %s", err).isZero();
        assertThat(err.toString()).doesNotContain("cannot");
        assertThat(out.toString().lines()).hasSize(1);
        return out.toString() + err;
    }

    /** Every text the team database holds, as one string. */
    private String tableText() throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/team", "postgres", "");
             Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("runs", "params", "metric_marks");
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            text.append(rs.getString(i)).append('\n');
                        }
                    }
                }
            }
        }
        return text.toString();
    }

    private static void assertNoPassword(String text) {
        assertThat(text).doesNotContain(PASSWORD).doesNotContain("s3cr");
    }

    private RunStore open(ByteArrayOutputStream lines) {
        return OfflineSpool.open(StoreLocation.parse(uri, "test", home), Duration.ofSeconds(60), environment, home,
                new PrintStream(lines, true, StandardCharsets.UTF_8));
    }

    private EmbeddedPostgres start(int onPort) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(tempDir.resolve("data"))
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("fsync", "off");
        if (onPort != 0) {
            builder.setPort(onPort);
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
