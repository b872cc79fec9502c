package org.labbook.magics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.Run;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.TrackerOptions;

/** A run's system metrics in {@code %track show} and the runs table, from a real store. */
class SystemMetricsReportTest {
    @TempDir
    Path dir;

    @Test
    void showSummarisesSystemMetricsApartAndTheRunsTableLeavesThemOut() throws Exception {
        TrackerOptions options = TrackerOptions.defaults().withShutdownHook(false)
                .withSystemMetricsInterval(Duration.ofMillis(100));
        try (Tracker tracker = Labbook.open(dir.resolve("store").toString(), options)) {
            Run run = tracker.start("report", "sampled");
            run.metric("loss", 0.25, 0);
            Thread.sleep(400);
            run.close();
            RunDetails details = tracker.details(run.id());

            String text = new RunReport(details, List.of(), List.of(), List.of()).text();
            String logged = text.substring(text.indexOf("\nmetrics:"), text.indexOf("\nsystem metrics:"));
            String system = text.substring(text.indexOf("\nsystem metrics:"));
            assertThat(logged).contains("loss").doesNotContain("system/");
            assertThat(system).contains("system metric", "min", "max", "last", "samples", "heap.used_mb", "threads")
                    .doesNotContain("loss");

            RunTable table = RunTable.of("Runs", List.of(details), false);
            assertThat(table.metricKeys()).containsExactly("loss");
        }
    }
}
