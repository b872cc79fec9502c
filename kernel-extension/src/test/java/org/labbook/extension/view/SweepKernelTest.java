package org.labbook.extension.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.kernel.protocol.InProcessClient.Exchange;
import org.labbook.kernel.protocol.Message;
import org.labbook.kernel.testing.KernelHarness;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.RunStatus;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.TrackerOptions;
import org.labbook.tracking.spi.TrialRecord;
import org.labbook.tracking.spi.TrialState;
import org.labbook.tracking.sweep.Sweep;

/**
 * Sweeps in a real kernel: {@code %%track sweep} defines one, {@code Sweep.get(...).run(...)} in a cell runs
 * it with one progress display redrawn in place, {@code %track sweep show} and {@code %track best --sweep}
 * draw it, bad definitions get one line and create nothing, and an interrupted cell leaves the sweep
 * resumable.
 */
class SweepKernelTest {
    private static final String DEFINITION = "%%track sweep quad --experiment tuning --objective loss --minimize"
            + " --strategy tpe --trials 12 --seed 7\n"
            + "x: uniform(0, 1)\n"
            + "k: choice(1, 2)   # a comment\n";

    private static final String SESSION = org.labbook.extension.RunArtifacts.SESSION_NOTEBOOK;

    @TempDir
    Path storeDir;

    private KernelHarness kernel;

    @BeforeEach
    void startKernel() {
        kernel = KernelHarness.start();
        ok("%track store " + storeDir);
    }

    @AfterEach
    void stopKernel() {
        kernel.close();
    }

    private Exchange ok(String code) {
        Exchange cell = kernel.execute(code);
        assertThat(cell.replyContent().path("status").asText())
                .as("cell %s: %s", code, cell.replyContent().path("evalue").asText()).isEqualTo("ok");
        return cell;
    }

    private String error(String code) {
        Exchange cell = kernel.execute(code);
        assertThat(cell.replyContent().path("status").asText()).as("cell %s", code).isEqualTo("error");
        return cell.replyContent().path("evalue").asText();
    }

    @Test
    void aSweepDefinedInACellRunsWithOneProgressDisplayAndIsShownAndRanked() throws Exception {
        assertThat(KernelHarness.resultText(ok(DEFINITION)))
                .startsWith("Created sweep quad in experiment tuning: 2 params, minimize loss, strategy tpe, seed 7, 12 trials");

        Exchange run = ok("""
                var done = Sweep.get("quad").run(trial -> {
                    double x = trial.getDouble("x");
                    for (int step = 0; step < 3; step++) {
                        trial.report("loss", (x - 0.3) * (x - 0.3) + trial.getInt("k") + 1.0 / (step + 1), step);
                    }
                });
                done.complete()""");
        assertThat(KernelHarness.resultText(run)).isEqualTo("12");
        List<Message> shown = run.published("display_data");
        List<Message> updates = run.published("update_display_data");
        assertThat(shown).hasSize(1);
        String id = shown.get(0).content().path("transient").path("display_id").asText();
        assertThat(updates).hasSize(13).allSatisfy(u ->
                assertThat(u.content().path("transient").path("display_id").asText()).isEqualTo(id));
        String last = updates.get(updates.size() - 1).content().path("data").path("text/plain").asText();
        assertThat(last).startsWith("Sweep quad: 12/12 done (12 complete, 0 pruned, 0 failed), 0 running; best loss = ");

        Exchange show = ok("%track sweep show quad");
        JsonNode data = show.published("execute_result").get(0).content().path("data");
        assertThat(data.path("text/plain").asText()).contains("Best params (trial ").contains("loss over trials")
                .contains("params \u2192 loss");
        assertThat(data.path("text/html").asText()).contains("lb-sweep-trials").contains("data:image/png;base64,");

        try (Tracker tracker = Labbook.open(storeDir.toString(), TrackerOptions.defaults().withShutdownHook(false))) {
            Sweep sweep = Sweep.get(tracker, "quad");
            Sweep.TrialResult best = sweep.best().orElseThrow();
            assertThat(KernelHarness.resultText(ok("%track best --sweep quad")))
                    .startsWith("Best trial of sweep quad by lowest loss: trial " + best.number() + " (run "
                            + best.runId().substring(0, 8) + ")");
            assertThat(tracker.details(sweep.runId()).params()).containsEntry("sweep.strategy", "tpe")
                    .containsEntry("sweep.seed", "7");
            // Each trial's run carries the session snapshot, as a run started with %track does; it is
            // written in the background after the cell.
            for (TrialRecord trial : sweep.trials()) {
                String runId = trial.runId().orElseThrow();
                Instant deadline = Instant.now().plusSeconds(30);
                while (tracker.artifacts(runId).stream().noneMatch(a -> a.name().equals(SESSION))
                        && Instant.now().isBefore(deadline)) {
                    Thread.sleep(50);
                }
                assertThat(tracker.artifacts(runId)).extracting(a -> a.name()).contains(SESSION);
            }
        }
    }

    @Test
    void badDefinitionsGetOneLineAndCreateNothing() {
        assertThat(error("%%track sweep bad --objective loss\nlr: loguniform(0, 0.1)"))
                .contains("line 2").contains("non-positive bound").doesNotContain("\n");
        assertThat(error("%%track sweep bad --objective loss\nbatch: choice()")).contains("choice() is empty");
        assertThat(error("%%track sweep bad --objective loss\nx: uniform(0, 1)\nx: uniform(0, 2)"))
                .contains("line 3").contains("'x' is defined twice");
        assertThat(error("%%track sweep bad --objective loss\nx: normal(0, 1)")).contains("unknown distribution 'normal'");
        assertThat(error("%%track sweep bad --objective loss\nx: uniform(1, 0)")).contains("low > high");
        assertThat(error("%%track sweep bad --objective loss --strategy bayes\nx: uniform(0, 1)"))
                .contains("Invalid strategy 'bayes'");
        assertThat(error("%%track sweep bad\nx: uniform(0, 1)")).contains("Missing --objective");
        assertThat(error("%%track sweep bad --objective loss --lerning-rate 3\nx: uniform(0, 1)"))
                .contains("Unknown option '--lerning-rate'");
        assertThat(error("%track sweep show bad")).contains("No sweep named 'bad'");
    }

    @Test
    void anInterruptedSweepKillsItsTrialAndRunsItsConfigurationWhenResumed() throws Exception {
        ok("%%track sweep halt --experiment tuning --objective loss --strategy random --trials 3 --seed 1\n"
                + "x: uniform(0, 1)");
        Path started = storeDir.resolve("started");
        Message request = kernel.submit(KernelHarness.executeContent("""
                Sweep.get("halt").run(trial -> {
                    java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "" + trial.number());
                    Thread.sleep(60_000);
                });""".formatted(started.toString().replace("\\", "\\\\"))));
        Instant deadline = Instant.now().plusSeconds(60);
        while (!Files.exists(started)) {
            assertThat(Instant.now()).as("the first trial did not start").isBefore(deadline);
            Thread.sleep(20);
        }
        kernel.protocol().interrupt();
        Exchange interrupted = kernel.await(request);
        assertThat(interrupted.replyContent().path("status").asText()).isEqualTo("error");

        ok("""
                Sweep.get("halt").run(trial -> trial.report("loss", trial.getDouble("x"), 0)).complete()""");
        try (Tracker tracker = Labbook.open(storeDir.toString(), TrackerOptions.defaults().withShutdownHook(false))) {
            List<TrialRecord> trials = Sweep.get(tracker, "halt").trials();
            TrialRecord killed = trials.get(0);
            assertThat(killed.state()).isEqualTo(TrialState.KILLED);
            assertThat(tracker.details(killed.runId().orElseThrow()).status()).isEqualTo(RunStatus.KILLED);
            assertThat(trials.stream().filter(t -> t.requeuedFrom() == 0).toList()).singleElement()
                    .satisfies(t -> {
                        assertThat(t.state()).isEqualTo(TrialState.COMPLETE);
                        assertThat(t.config()).isEqualTo(killed.config());
                    });
            assertThat(trials.stream().filter(t -> t.state() == TrialState.COMPLETE)).hasSize(3);
        }
    }
}
