package org.labbook.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.TrackerOptions;

/**
 * Runs logged with {@code Labbook.open()} outside a notebook (a CI job) carry the environment the run
 * context providers recorded, and {@code %track diff} reads it as it does a notebook run's.
 */
class RunDiffOutsideNotebookTest {
    @TempDir
    Path dir;

    @Test
    void twoCiRunsDiffByParamsAndCiJobAndShareTheirEnvironment() {
        TrackerOptions options = TrackerOptions.defaults().withShutdownHook(false).withSystemMetricsInterval(Duration.ZERO);
        try (Tracker tracker = Labbook.open(dir.resolve("store").toString(), options)) {
            tracker.run("nightly", "a", run -> {
                run.param("lr", 0.1);
                run.tag("ci.branch", "main");
            });
            tracker.run("nightly", "b", run -> {
                run.param("lr", 0.01);
                run.tag("ci.branch", "feature/lr");
            });
            RunDetails a = tracker.resolveRun("a", "nightly");
            RunDetails b = tracker.resolveRun("b", "nightly");
            assertThat(RunArtifacts.environment(tracker, a.id())).hasValueSatisfying(env ->
                    assertThat(env.javaVersion()).isEqualTo(System.getProperty("java.version")));
            assertThat(a.tags()).containsEntry("labbook.java.version", System.getProperty("java.version"));

            String diff = RunDiff.between(tracker, a, b);
            assertThat(diff).contains("== Params ==", "lr: 0.1 -> 0.01", "== CI job ==", "branch: main -> feature/lr");
            assertThat(diff.substring(diff.indexOf("== Environment =="), diff.indexOf("== Datasets =="))).contains("(same)");
        }
    }
}
