package org.labbook.tracking.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.RunQuery;
import org.labbook.tracking.RunStatus;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.ValidationException;
import org.labbook.tracking.spi.TrialRecord;
import org.labbook.tracking.spi.TrialState;

/**
 * Sweeps on a real store, in this JVM and with worker processes. A backend's test extends this class and
 * names a fresh store; nothing here knows which backend it is.
 */
public abstract class SweepContract {
    /** Where no worker is killed, no trial should be declared CRASHED, also on a very busy machine. */
    private static final int NO_KILL_CRASH_SECONDS = 60;
    /** Where one is killed, its trial is re-queued after this long. */
    private static final int KILL_CRASH_SECONDS = 10;

    @TempDir
    protected Path tempDir;

    private Tracker tracker;
    private String store;

    /** A URI for a new, empty store of the backend under test. */
    protected abstract String newStoreUri(Path tempDir, String name);

    @BeforeEach
    void open() {
        store = newStoreUri(tempDir, "sweeps");
        tracker = Labbook.open(store, SweepWorkerChild.OPTIONS);
    }

    @AfterEach
    void close() {
        tracker.close();
    }

    private Sweep.Definition quadratic(String name, Strategy strategy, int trials) {
        return new Sweep.Definition(name, "tuning", Space.of(Space.uniform("x", 0, 1), Space.choice("k", 1, 2)),
                Objective.minimize("loss"), strategy, trials, 7, Pruner.none());
    }

    @Test
    void theSweepsRunIsRunningWhileItHasWorkAndReadsCrashedWhenNoWorkerIsLeft() throws Exception {
        Sweep sweep = Sweep.create(tracker, quadratic("lonely", Strategy.random(), 2));
        assertThat(tracker.details(sweep.runId()).status()).isEqualTo(RunStatus.RUNNING);
        List<RunStatus> during = new ArrayList<>();
        try {
            sweep.run(trial -> {
                during.add(tracker.details(sweep.runId()).status());
                throw new InterruptedException("stop the worker mid-sweep");
            });
        } catch (org.labbook.tracking.TrackingException expected) {
            // The worker left with the budget unspent.
        }
        assertThat(during).containsExactly(RunStatus.RUNNING);
        // No worker keeps its heartbeat: after the crash timeout it is not stuck RUNNING.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(NO_KILL_CRASH_SECONDS + 30);
        Thread.interrupted();
        while (tracker.details(sweep.runId()).status() == RunStatus.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(tracker.details(sweep.runId()).status()).isEqualTo(RunStatus.CRASHED);
        // A worker that joins takes it up again and ends it when the budget is spent.
        Sweep.Progress done = Sweep.join(tracker, "lonely").run(trial -> trial.report("loss", trial.getDouble("x"), 0));
        assertThat(done.complete()).isEqualTo(2);
        RunDetails finished = tracker.details(sweep.runId());
        assertThat(finished.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(finished.metrics().get("best/loss").latest()).isEqualTo(done.best().orElseThrow().value());
    }

    @Test
    void trialsAreChildRunsWithTheirParamsAndTheBestIsFound() {
        Sweep sweep = Sweep.create(tracker, quadratic("quad", Strategy.tpe(), 15));
        List<Sweep.Progress> seen = new ArrayList<>();
        Sweep.Progress done = sweep.run(trial -> {
            double x = trial.getDouble("x");
            for (int step = 0; step < 3; step++) {
                trial.report("loss", (x - 0.3) * (x - 0.3) + trial.getInt("k") + 1.0 / (step + 1), step);
            }
        }, seen::add);
        assertThat(done.complete()).isEqualTo(15);
        assertThat(seen).hasSize(17);
        List<TrialRecord> trials = sweep.trials();
        assertThat(trials).hasSize(15).allMatch(t -> t.state() == TrialState.COMPLETE);
        for (TrialRecord t : trials) {
            RunDetails run = tracker.details(t.runId().orElseThrow());
            assertThat(run.info().parent()).contains(sweep.runId());
            assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
            assertThat(run.params().keySet()).containsExactlyInAnyOrder("x", "k");
            assertThat(run.metrics().get("loss").latest()).isEqualTo(t.objective().orElseThrow());
        }
        Sweep.TrialResult best = sweep.best().orElseThrow();
        double min = trials.stream().mapToDouble(t -> t.objective().orElseThrow()).min().orElseThrow();
        assertThat(best.value()).isEqualTo(min);
        assertThat(done.best()).contains(best);
        RunDetails parent = tracker.details(sweep.runId());
        assertThat(parent.params()).containsKeys("sweep.space", "sweep.strategy", "sweep.seed", "sweep.objective");
        // The sweep's run ended when its last trial did, with the best trial on it.
        assertThat(parent.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(parent.metrics().get("best/loss").latest()).isEqualTo(best.value());
        assertThat(parent.tags()).containsEntry("best.trial", String.valueOf(best.number()))
                .containsEntry("best.run", best.runId())
                .containsEntry("best.x", String.valueOf(best.params().get("x")))
                .containsEntry("best.k", String.valueOf(best.params().get("k")));
        assertThat(Space.parse(parent.params().get("sweep.space"))).isEqualTo(sweep.space());
    }

    @Test
    void aFailingTrialIsFailedWithItsErrorAndTheSweepGoesOn() {
        Sweep sweep = Sweep.create(tracker, quadratic("failing", Strategy.random(), 6));
        Sweep.Progress done = sweep.run(trial -> {
            if (trial.number() % 3 == 1) {
                throw new IllegalStateException("diverged at trial " + trial.number());
            }
            trial.report("loss", trial.getDouble("x"), 0);
        });
        assertThat(done.complete()).isEqualTo(4);
        assertThat(done.failed()).isEqualTo(2);
        TrialRecord failed = sweep.trials().get(1);
        assertThat(failed.state()).isEqualTo(TrialState.FAILED);
        assertThat(failed.error()).hasValueSatisfying(e -> assertThat(e).contains("diverged at trial 1"));
        assertThat(tracker.details(failed.runId().orElseThrow()).status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void theMedianPrunerStopsTrialsOfKnownBadArms() {
        Sweep sweep = Sweep.create(tracker, new Sweep.Definition("pruned", "tuning",
                Space.of(Space.choice("arm", "good", "bad")), Objective.minimize("loss"), Strategy.grid(), 2, 1,
                Pruner.median(1, 2)));
        Sweep.Progress first = sweep.run(trial -> curve(trial, 20));
        assertThat(first.complete()).isEqualTo(1);
        assertThat(first.pruned()).isEqualTo(1);
        TrialRecord bad = sweep.trials().stream().filter(t -> sweep.params(t).get("arm").equals("bad")).findFirst()
                .orElseThrow();
        assertThat(bad.state()).isEqualTo(TrialState.PRUNED);
        RunDetails run = tracker.details(bad.runId().orElseThrow());
        assertThat(run.status()).isEqualTo(RunStatus.KILLED);
        assertThat(run.tags()).containsEntry("sweep.pruned", "true");
        // Stopped right after the warm-up: steps 0, 1 and 2 logged, not the twenty.
        assertThat(run.metrics().get("loss").count()).isEqualTo(3);

        Sweep random = Sweep.create(tracker, new Sweep.Definition("pruned-random", "tuning",
                Space.of(Space.choice("arm", "good", "bad", "worse")),
                Objective.minimize("loss"), Strategy.random(), 30, 3, Pruner.median(3, 2)));
        random.run(trial -> curve(trial, 10));
        Map<Object, List<TrialRecord>> byArm = random.trials().stream()
                .collect(Collectors.groupingBy(t -> random.params(t).get("arm")));
        assertThat(byArm.get("good")).allMatch(t -> t.state() == TrialState.COMPLETE);
        long badCompleted = byArm.get("bad").stream().filter(t -> t.state() == TrialState.COMPLETE).count()
                + byArm.get("worse").stream().filter(t -> t.state() == TrialState.COMPLETE).count();
        long badPruned = byArm.get("bad").stream().filter(t -> t.state() == TrialState.PRUNED).count()
                + byArm.get("worse").stream().filter(t -> t.state() == TrialState.PRUNED).count();
        assertThat(badPruned).isGreaterThan(badCompleted);
    }

    private static void curve(Trial trial, int steps) {
        double offset = switch (trial.getString("arm")) {
            case "good" -> 0;
            case "bad" -> 1;
            default -> 2;
        };
        for (int step = 0; step < steps; step++) {
            trial.report("loss", offset + 1.0 / (step + 1), step);
        }
    }

    @Test
    void aTakenNameOrABadDefinitionCreatesNothing() {
        Sweep.create(tracker, quadratic("taken", Strategy.random(), 3));
        int runsBefore = tracker.runs(RunQuery.inExperiment("tuning")).runs().size();
        assertThatThrownBy(() -> Sweep.create(tracker, quadratic("taken", Strategy.tpe(), 5)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'taken'").hasMessageContaining("join");
        assertThatThrownBy(() -> Sweep.create(tracker, new Sweep.Definition("grid-float", "tuning",
                Space.of(Space.uniform("x", 0, 1)), Objective.minimize("loss"), Strategy.grid(), 3, 1, Pruner.none())))
                .isInstanceOf(ValidationException.class);
        assertThat(tracker.runs(RunQuery.inExperiment("tuning")).runs()).hasSize(runsBefore);
        assertThat(Sweep.names(tracker)).containsExactly("taken");
    }

    // ---- worker processes --------------------------------------------------------------------------

    @Test
    void fourWorkerProcessesRunEachOfFortyTrialsExactlyOnce() throws Exception {
        Sweep sweep = Sweep.create(tracker, quadratic("shared", Strategy.tpe(), 40));
        Path barrier = Files.createDirectories(tempDir.resolve("barrier-shared"));
        List<Process> workers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            workers.add(start("work", barrier, String.valueOf(i), "shared", NO_KILL_CRASH_SECONDS));
        }
        release(barrier, workers);
        List<Integer> ran = new ArrayList<>();
        for (Process worker : workers) {
            String output = finish(worker);
            assertThat(output).contains("DONE");
            output.lines().filter(line -> line.startsWith("RAN ")).forEach(line -> ran.add(Integer.parseInt(line.substring(4))));
        }
        List<TrialRecord> trials = sweep.trials();
        assertThat(ran).as("trials run; the store has %s", trials.stream()
                .filter(t -> t.state() != TrialState.COMPLETE || t.attempt() != 1).toList()).hasSize(40)
                .doesNotHaveDuplicates();
        assertThat(trials).hasSize(40).allMatch(t -> t.state() == TrialState.COMPLETE);
        assertThat(trials.stream().map(t -> t.runId().orElseThrow()).collect(Collectors.toSet())).hasSize(40);
        assertThat(trials.stream().map(t -> t.worker().orElseThrow()).collect(Collectors.toSet())).hasSizeGreaterThan(1);
    }

    @Test
    void aWorkerKilledMidTrialLeavesItCrashedAndAnotherRunsItsConfigurationOnceMore() throws Exception {
        Sweep sweep = Sweep.create(tracker, quadratic("killed", Strategy.random(), 12));
        Path hangBarrier = Files.createDirectories(tempDir.resolve("barrier-hang"));
        Process hanging = start("hang", hangBarrier, "h", "killed", KILL_CRASH_SECONDS);
        release(hangBarrier, List.of(hanging));
        int lost;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(hanging.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as("hanging worker; stderr: %s", stderrOf("h")).startsWith("STARTED ");
            lost = Integer.parseInt(line.split(" ")[1]);
        }
        hanging.destroyForcibly(); // SIGKILL: no shutdown hook, the run is left RUNNING
        assertThat(hanging.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Path barrier = Files.createDirectories(tempDir.resolve("barrier-rest"));
        List<Process> workers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            workers.add(start("work", barrier, String.valueOf(i), "killed", KILL_CRASH_SECONDS));
        }
        release(barrier, workers);
        for (Process worker : workers) {
            assertThat(finish(worker)).contains("DONE");
        }
        List<TrialRecord> trials = sweep.trials();
        TrialRecord crashed = trials.stream().filter(t -> t.number() == lost).findFirst().orElseThrow();
        assertThat(crashed.state()).isEqualTo(TrialState.CRASHED);
        assertThat(tracker.details(crashed.runId().orElseThrow()).status()).isEqualTo(RunStatus.CRASHED);
        List<TrialRecord> repeats = trials.stream().filter(t -> t.requeuedFrom() == lost).toList();
        assertThat(repeats).hasSize(1);
        assertThat(repeats.get(0).state()).isEqualTo(TrialState.COMPLETE);
        assertThat(repeats.get(0).config()).isEqualTo(crashed.config());
        assertThat(trials.stream().filter(t -> t.attempt() == 1)).hasSize(12);
        assertThat(trials.stream().filter(t -> t.state() == TrialState.COMPLETE)).hasSize(12);
        Set<String> configs = new HashSet<>();
        trials.stream().filter(t -> t.state() == TrialState.COMPLETE).forEach(t -> configs.add(t.config()));
        assertThat(configs).hasSize(12);
    }

    private Process start(String mode, Path barrier, String id, String sweep, int crashSeconds) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                SweepWorkerChild.class.getName(), mode, store, barrier.toString(), id, sweep,
                String.valueOf(crashSeconds));
        return new ProcessBuilder(command).redirectError(tempDir.resolve("stderr-" + id + ".txt").toFile()).start();
    }

    private static void release(Path barrier, List<Process> workers) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (true) {
            long ready;
            try (var files = Files.list(barrier)) {
                ready = files.filter(p -> p.getFileName().toString().startsWith("ready-")).count();
            }
            if (ready == workers.size()) {
                break;
            }
            for (Process worker : workers) {
                assertThat(worker.isAlive()).as("a worker died early").isTrue();
            }
            assertThat(Instant.now()).as("workers did not start in time").isBefore(deadline);
            Thread.sleep(20);
        }
        Files.createFile(barrier.resolve("go"));
    }

    private String finish(Process worker) throws Exception {
        String output = new String(worker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(worker.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.exitValue()).as("exit code; output: %s", output).isZero();
        return output;
    }

    private String stderrOf(String id) throws IOException {
        Path file = tempDir.resolve("stderr-" + id + ".txt");
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
