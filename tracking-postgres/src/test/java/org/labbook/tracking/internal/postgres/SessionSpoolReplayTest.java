package org.labbook.tracking.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.tracking.Note;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.StoreLocation;
import org.labbook.tracking.spi.RunStore;

/**
 * A process killed (SIGKILL) while the server is away in the middle of its session leaves the spool of
 * that outage behind; the next open that reaches the server replays it once and deletes it, while a
 * session spool a live process holds is left alone. A PostgreSQL of this test's own, stopped and started
 * again on the same port.
 */
class SessionSpoolReplayTest {
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
    void aSessionSpoolLeftByAKilledProcessIsReplayedAtTheNextOpenThatReachesTheServer() throws Exception {
        server = start(0);
        int port = server.getPort();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE team");
        }
        String uri = "postgresql://postgres@127.0.0.1:" + port + "/team";
        Path home = Files.createDirectories(tempDir.resolve("home"));
        Path spools = tempDir.resolve("spools");
        Map<String, String> environment = Map.of(OfflineSpool.FOLDER_VARIABLE, spools.toString());

        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"), MidSessionChild.class.getName(), uri)
                .redirectError(tempDir.resolve("child-stderr.txt").toFile());
        builder.environment().put(OfflineSpool.FOLDER_VARIABLE, spools.toString());
        builder.environment().remove("LABBOOK_STORE");
        Process child = builder.start();
        List<String> childOut = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
             Writer in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
            childOut.add(out.readLine());
            assertThat(childOut.get(0)).as("the child's first line").startsWith("run ");
            server.close();
            server = null;
            in.write("gone\n");
            in.flush();
            childOut.add(out.readLine());
            assertThat(childOut).as("the child's output").contains("spooled");
            // SIGKILL: no close, no replay at exit; the session spool stays behind, its lock gone with the process.
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        String runId = childOut.get(0).substring("run ".length());
        Path spool = OfflineSpool.folder(uri, environment, home);
        List<Path> left = SessionSpools.beside(spool);
        assertThat(left).as("session spools after the kill").hasSize(1);

        // A session spool a live process holds: the open below must leave it alone.
        Path live = spool.resolveSibling(spool.getFileName() + "-session-live");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream lines = new PrintStream(out, true, StandardCharsets.UTF_8);
        server = start(port);
        try (SessionSpools.Owner owner = SessionSpools.tryOwn(live);
             RunStore team = OfflineSpool.open(StoreLocation.parse(uri, "test", home), Duration.ofSeconds(60), environment,
                     home, lines)) {
            assertThat(owner).isNotNull();
            String shown = out.toString(StandardCharsets.UTF_8);
            assertThat(shown.lines().filter(l -> l.contains("is caught up with"))).as(shown).hasSize(1);
            RunDetails run = team.findRun(runId).orElseThrow();
            assertThat(run.params()).containsEntry("before", "1").containsEntry("during", "2");
            assertThat(run.tags()).containsEntry("phase", "offline");
            assertThat(team.notes(runId)).extracting(Note::text).containsExactly("logged while the server was away");
            assertThat(SessionSpools.beside(spool)).as("the live session spool stays, the killed one is gone")
                    .containsExactly(live);
        }

        // Opening again changes nothing and says nothing: the killed session's spool was replayed once.
        out.reset();
        try (RunStore team = OfflineSpool.open(StoreLocation.parse(uri, "test", home), Duration.ofSeconds(60), environment,
                home, lines)) {
            assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(team.notes(runId)).hasSize(1);
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
