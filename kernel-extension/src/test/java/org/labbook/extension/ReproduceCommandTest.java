package org.labbook.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.kernel.testing.KernelHarness;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.RunQuery;
import org.labbook.tracking.Tracker;
import picocli.CommandLine;

/** {@code labbook reproduce} against sessions recorded by a real kernel in a real store. */
class ReproduceCommandTest {

    @TempDir
    Path storeDir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private void session(String... cells) {
        try (KernelHarness kernel = KernelHarness.start()) {
            kernel.execute("%track store " + storeDir);
            for (String cell : cells) {
                assertThat(kernel.execute(cell).replyContent().path("status").asText()).as(cell).isEqualTo("ok");
            }
        }
    }

    private int reproduce(String... args) {
        CommandLine cli = new CommandLine(new ReproduceCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void seededDeterministicSessionReproducesExactlyAsANewRunTaggedWithTheOriginal() {
        session("%track start seeded", "var rng = new java.util.Random(7);",
                "Track.metric(\"loss\", rng.nextDouble()); Track.metric(\"acc\", 0.5 + rng.nextDouble() / 2);",
                "%track end");

        int exit = reproduce("seeded", "--store", storeDir.toString());

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("Reproduction of run 'seeded'").containsPattern("loss .* yes")
                .containsPattern("acc .* yes");
        try (Tracker tracker = Labbook.open(storeDir.toString())) {
            List<RunDetails> runs = tracker.runs(RunQuery.all()).runs();
            RunDetails original = runs.stream().filter(r -> !r.tags().containsKey(Reproduction.TAG)).findFirst()
                    .orElseThrow();
            assertThat(runs).anySatisfy(r -> assertThat(r.tags()).containsEntry(Reproduction.TAG, original.id()));
        }
    }

    @Test
    void metricThatChangesFromRunToRunFailsWithItsRelativeDifference() {
        session("%track start clocked", "Track.metric(\"noise\", (double) System.nanoTime());", "%track end");
        int exit = reproduce("clocked", "--store", storeDir.toString(), "--tolerance", "0");
        assertThat(exit).as(out + "\n" + err).isEqualTo(1);
        assertThat(out.toString()).containsPattern("noise .* NO");
    }

    @Test
    void negativeToleranceIsOneLineAndExitCodeTwo() {
        assertThat(reproduce("x", "--store", storeDir.toString(), "--tolerance", "-1")).isEqualTo(2);
        assertThat(err.toString().strip()).contains("--tolerance must be a number >= 0").doesNotContain("\n");
    }

    @Test
    void unknownRunIsOneLineAndExitCodeTwo() {
        session("int x = 1;");
        assertThat(reproduce("no-such-run", "--store", storeDir.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("labbook reproduce: ").doesNotContain("Exception");
    }
}
