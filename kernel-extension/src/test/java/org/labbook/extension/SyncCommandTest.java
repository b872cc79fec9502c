package org.labbook.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.kernel.cli.LabbookCommand;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.Run;
import org.labbook.tracking.RunStatus;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.TrackerOptions;

/**
 * {@code labbook sync} through the real {@code labbook} command line, its subcommand found by the SPI:
 * a whole embedded store sent to another, once; bad input in one line. (The team store and its spool
 * are tested in labbook-tracking-postgres, through the same {@code TeamSync}.)
 */
class SyncCommandTest {
    /** A run holding only what the test logs: no context artifacts, no system metrics. */
    private static final TrackerOptions BARE = TrackerOptions.defaults().withShutdownHook(false)
            .withSystemMetricsInterval(Duration.ZERO).withContextDisabled(Set.of("all"));

    @TempDir
    Path tempDir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int labbook(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return LabbookCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void aWholeStoreIsSentOnceAndASecondSyncChangesNothing() {
        Path laptop = tempDir.resolve("laptop");
        String id;
        try (Tracker tracker = Labbook.open("sqlite:" + laptop, BARE)) {
            try (Run run = tracker.start("e", "r")) {
                id = run.id();
                run.param("lr", 0.1);
                for (int i = 0; i < 300; i++) {
                    run.metric("loss", i, i);
                }
                run.end(RunStatus.FINISHED);
            }
        }
        String team = "sqlite:" + tempDir.resolve("team");
        assertThat(labbook("sync", "--from", laptop.toString(), "--to", team)).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("labbook sync: from " + laptop + " to sqlite:")
                .contains("1 run checked: 1 new, 0 completed; 300 metric points, 0 notes and 0 artifacts copied.");
        assertThat(err.toString()).isEmpty();

        assertThat(labbook("sync", "--from", laptop.toString(), "--to", team)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("1 run checked, all already there; nothing changed.");
        try (Tracker tracker = Labbook.open(team)) {
            assertThat(tracker.metricSummaries(id).get("loss").count()).isEqualTo(300);
            assertThat(tracker.details(id).params()).containsEntry("lr", "0.1");
        }
    }

    @Test
    void initAndSyncAgainstAServerThatDoesNotAnswerFailInOneLineAndSpoolNothing() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String uri = "postgresql://ada:s3cret@127.0.0.1:" + closedPort + "/team?connectTimeout=5";
        Path spool = Path.of(System.getProperty("user.home"), ".labbook", "spool", "ada@127.0.0.1-" + closedPort + "-team");

        assertThat(labbook("store", "init", uri)).isEqualTo(1);
        assertThat(err.toString()).startsWith("labbook store init: Cannot connect to the PostgreSQL store postgresql://ada:[redacted]@")
                .contains("Check that the server is running").doesNotContain("s3cret");
        assertThat(err.toString().strip()).doesNotContain("\n");

        Path laptop = tempDir.resolve("laptop");
        try (Tracker tracker = Labbook.open("sqlite:" + laptop, BARE)) {
            tracker.start("e", "r").close();
        }
        assertThat(labbook("sync", "--from", laptop.toString(), "--to", uri)).isEqualTo(1);
        assertThat(err.toString()).startsWith("labbook sync: Cannot connect to the PostgreSQL store postgresql://ada:[redacted]@")
                .doesNotContain("s3cret");
        assertThat(err.toString().strip()).doesNotContain("\n");
        assertThat(out.toString()).isEmpty();
        assertThat(spool).doesNotExist();
    }

    @Test
    void badInputGetsOneLineAndExitCodeTwo() {
        Path missing = tempDir.resolve("nothing-here");
        assertUsage(new String[]{"sync", "--from", missing.toString(), "--to", "sqlite:" + tempDir.resolve("t")},
                "labbook sync: --from " + missing + " is not an embedded store");
        assertUsage(new String[]{"sync", "--to", "sqlite:" + tempDir.resolve("t")},
                "labbook sync: the target SQLite store in " + tempDir.resolve("t") + " (chosen by: explicit argument) is not"
                        + " a team store");
        assertUsage(new String[]{"sync", "--to", "postgresql://ada:s3cret@db/labbook?sslmod=require"},
                "labbook sync: Invalid PostgreSQL store URI");
        assertUsage(new String[]{"sync", "--form", "x"}, "labbook: Unknown options: '--form'");
    }

    private void assertUsage(String[] args, String start) {
        assertThat(labbook(args)).as(String.join(" ", args) + ": " + err).isEqualTo(2);
        assertThat(err.toString()).startsWith(start).doesNotContain("s3cret").doesNotContain("\tat ");
        assertThat(err.toString().strip()).doesNotContain("\n");
        assertThat(out.toString()).isEmpty();
    }
}
