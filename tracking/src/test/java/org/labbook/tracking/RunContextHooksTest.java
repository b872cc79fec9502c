package org.labbook.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.tracking.context.ProbeContextProviders;
import org.labbook.tracking.spi.Stores;

/** Run context providers from the test classpath's {@code META-INF/services}: see {@link ProbeContextProviders}. */
class RunContextHooksTest {
    private static final String EXPERIMENT = ProbeContextProviders.EXPERIMENT_PREFIX + "/hooks";
    private static final TrackerOptions OPTIONS = TrackerOptions.defaults().withShutdownHook(false)
            .withSystemMetricsInterval(Duration.ZERO);

    @TempDir
    Path tempDir;

    private Tracker open(TrackerOptions options, List<String> reports) {
        return Tracker.create(Stores.open(Labbook.locate(tempDir.resolve("store").toString()), Duration.ofSeconds(30)),
                options, true, reports::add);
    }

    @Test
    void providersAddToTheRunAtItsStartAndItsEnd() {
        try (Tracker tracker = open(OPTIONS, new ArrayList<>())) {
            tracker.run(EXPERIMENT, "probed", run -> run.param("lr", 0.1));
            RunDetails details = tracker.resolveRun("probed", EXPERIMENT);
            assertThat(details.tags()).containsEntry("probe.started", "probed").containsEntry("probe.ended", "FINISHED");
            assertThat(tracker.artifacts(details.id())).extracting(ArtifactRef::name).contains("probe/started.txt");
        }
    }

    @Test
    void aFailingProviderLeavesOneWarningAndAFinishedRun() {
        try (Tracker tracker = open(OPTIONS, new ArrayList<>())) {
            tracker.run(EXPERIMENT, "with-broken-provider", run -> run.metric("loss", 0.5, 0));
            RunDetails details = tracker.resolveRun("with-broken-provider", EXPERIMENT);
            assertThat(details.status()).isEqualTo(RunStatus.FINISHED);
            assertThat(details.tags()).containsEntry("labbook.context.broken.error",
                    "Run context provider 'broken' failed (IllegalStateException: no repository here); the run went on without it");
            assertThat(details.tags().keySet().stream().filter(key -> key.endsWith(".error"))).hasSize(1);
            // The other providers still ran.
            assertThat(details.tags()).containsKey("probe.started");
            assertThat(details.metrics()).containsKey("loss");
        }
    }

    @Test
    void aProviderTurnedOffByNameDoesNotRun() {
        try (Tracker tracker = open(OPTIONS.withContextDisabled(Set.of("broken", "probe")), new ArrayList<>())) {
            tracker.run(EXPERIMENT, "quiet", run -> run.param("lr", 0.1));
            assertThat(tracker.resolveRun("quiet", EXPERIMENT).tags())
                    .doesNotContainKeys("probe.started", "probe.ended", "labbook.context.broken.error");
        }
        try (Tracker tracker = open(OPTIONS.withContextDisabled(Set.of("all")), new ArrayList<>())) {
            tracker.run(EXPERIMENT, "silent", run -> run.param("lr", 0.1));
            assertThat(tracker.resolveRun("silent", EXPERIMENT).tags()).doesNotContainKeys("probe.started", "probe.ended");
        }
    }

    @Test
    void anUnknownProviderNameIsReportedInOneLine() {
        List<String> reports = new ArrayList<>();
        try (Tracker ignored = open(OPTIONS.withContextDisabled(Set.of("gti")), reports)) {
            assertThat(reports).singleElement().satisfies(line -> assertThat(line)
                    .startsWith("Unknown run context provider 'gti' in LABBOOK_CONTEXT_DISABLE: the known ones are ")
                    .contains("probe", "broken", "system").doesNotContain("\n"));
        }
    }

    @Test
    void aRunThatFailsStillGetsItsEndHookWithTheStatus() {
        try (Tracker tracker = open(OPTIONS, new ArrayList<>())) {
            assertThatThrownBy(() -> tracker.run(EXPERIMENT, "boom", run -> {
                throw new IllegalArgumentException("bad batch");
            })).isInstanceOf(IllegalArgumentException.class);
            RunDetails details = tracker.resolveRun("boom", EXPERIMENT);
            assertThat(details.status()).isEqualTo(RunStatus.FAILED);
            assertThat(details.tags()).containsEntry("probe.ended", "FAILED")
                    .containsEntry("labbook.error", "java.lang.IllegalArgumentException: bad batch");
        }
    }

    @Test
    void settingsFromTheEnvironmentAreParsedOrRefusedInOneLine() {
        assertThat(ContextSettings.disabledFrom(" Git, ci ,,")).containsExactlyInAnyOrder("git", "ci");
        assertThat(ContextSettings.disabledFrom(null)).isEmpty();
        assertThat(ContextSettings.intervalFrom(null)).isEqualTo(Duration.ofSeconds(10));
        assertThat(ContextSettings.intervalFrom("off")).isZero();
        assertThat(ContextSettings.intervalFrom("2.5")).isEqualTo(Duration.ofMillis(2500));
        for (String bad : List.of("ten", "-1", "0.01", "NaN", "1e400")) {
            assertThatThrownBy(() -> ContextSettings.intervalFrom(bad)).isInstanceOf(ValidationException.class)
                    .hasMessage("Invalid LABBOOK_SYSTEM_METRICS_INTERVAL '" + bad + "': it must be a number of seconds"
                            + " of at least 0.1, or 'off'. Set it to e.g. 10, or unset it.");
        }
    }
}
