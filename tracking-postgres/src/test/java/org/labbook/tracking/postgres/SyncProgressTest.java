package org.labbook.tracking.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.Run;
import org.labbook.tracking.StoreSync;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.TrackerOptions;

/** The progress lines of labbook sync, over a real copy between two embedded stores. */
class SyncProgressTest {
    private static final TrackerOptions OPTIONS = TrackerOptions.defaults().withShutdownHook(false)
            .withSystemMetricsInterval(Duration.ZERO);

    @TempDir
    Path tempDir;

    private String copy(String target, long intervalNanos) {
        StringWriter lines = new StringWriter();
        try (Tracker from = Labbook.open("sqlite:" + tempDir.resolve("laptop"), OPTIONS);
             Tracker to = Labbook.open("sqlite:" + tempDir.resolve(target), OPTIONS)) {
            StoreSync.Result result = StoreSync.copy(from.store(), to.store(),
                    new SyncProgress(new PrintWriter(lines), intervalNanos));
            assertThat(result.problems()).isEmpty();
        }
        return lines.toString();
    }

    @Test
    void aLineAfterEachRunButTheLastWhenTheIntervalHasPassed() {
        try (Tracker source = Labbook.open("sqlite:" + tempDir.resolve("laptop"), OPTIONS)) {
            for (int r = 0; r < 3; r++) {
                try (Run run = source.start("progress", "run-" + r)) {
                    for (int i = 0; i < 10; i++) {
                        run.metric("loss", 1.0 / (i + 1), i);
                    }
                }
            }
        }
        assertThat(copy("every-time", 0).lines()).containsExactly(
                "labbook sync: 1 of 3 runs (33%), 10 points sent",
                "labbook sync: 2 of 3 runs (66%), 20 points sent");
        assertThat(copy("once-an-hour", Duration.ofHours(1).toNanos())).isEmpty();
    }
}
