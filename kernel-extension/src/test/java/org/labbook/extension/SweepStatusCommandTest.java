package org.labbook.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.kernel.cli.LabbookCommand;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.TrackerOptions;
import org.labbook.tracking.sweep.Objective;
import org.labbook.tracking.sweep.Pruner;
import org.labbook.tracking.sweep.Space;
import org.labbook.tracking.sweep.Strategy;
import org.labbook.tracking.sweep.Sweep;

/** {@code labbook sweep status} through the real {@code labbook} command line, its subcommand found by the SPI. */
class SweepStatusCommandTest {
    @TempDir
    Path tempDir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int labbook(String... args) {
        return LabbookCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void statusPrintsTrialsByStateAndTheBestTrialWithItsParams() {
        Path store = tempDir.resolve("store");
        try (Tracker tracker = Labbook.open(store.toString(), TrackerOptions.defaults().withShutdownHook(false))) {
            Sweep sweep = Sweep.create(tracker, new Sweep.Definition("grid-search", "tuning",
                    Space.of(Space.choice("batch", 16, 32), Space.intRange("layers", 1, 2)), Objective.maximize("acc"),
                    Strategy.grid(), 10, 3, Pruner.none()));
            sweep.run(trial -> {
                if (trial.getInt("layers") == 2 && trial.getInt("batch") == 32) {
                    throw new IllegalStateException("out of memory");
                }
                trial.report("acc", trial.getInt("batch") / 100.0 + trial.getInt("layers"), 0);
            });
        }

        assertThat(labbook("sweep", "status", "grid-search", "--store", store.toString())).as(err.toString()).isZero();
        assertThat(out.toString())
                .startsWith("Sweep grid-search in experiment tuning: maximize acc, strategy grid, seed 3\n")
                .contains("Trials: 4 of 4 done (3 complete, 0 pruned, 1 failed), 0 running, 0 queued, 0 crashed,"
                        + " 0 killed; 0 not started yet\n")
                .containsPattern("Best: trial 1 \\(run [0-9a-f]{32}\\) acc = 2.16\n  batch = 16\n  layers = 2\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void anUnknownSweepGetsOneLineNamingTheSweepsThereAre() {
        Path store = tempDir.resolve("store");
        try (Tracker tracker = Labbook.open(store.toString(), TrackerOptions.defaults().withShutdownHook(false))) {
            Sweep.create(tracker, new Sweep.Definition("lr-search", "tuning", Space.of(Space.uniform("lr", 0, 1)),
                    Objective.minimize("loss"), Strategy.random(), 5, 1, Pruner.none()));
        }
        assertThat(labbook("sweep", "status", "lr-serch", "--store", store.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("labbook sweep status: No sweep named 'lr-serch' in the SQLite store in "
                + store + " (chosen by: explicit argument); its sweeps are lr-search.");
        assertThat(out.toString()).isEmpty();
        err.getBuffer().setLength(0);
        assertThat(labbook("sweep")).isEqualTo(2);
        assertThat(err.toString()).startsWith("labbook: Missing a command: use status.");
    }
}
