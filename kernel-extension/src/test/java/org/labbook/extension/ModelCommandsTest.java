package org.labbook.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.kernel.cli.LabbookCommand;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.Run;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.TrackerOptions;

/**
 * {@code labbook models} and {@code labbook promote} through the real {@code labbook} command line on a real
 * SQLite store, as a CI job runs them: the exit code says promoted (0), gate failed (3) or bad input (2).
 */
class ModelCommandsTest {
    @TempDir
    Path tempDir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private String store;

    private int labbook(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return LabbookCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @BeforeEach
    void twoRegisteredRuns() {
        store = tempDir.resolve("store").toString();
        try (Tracker tracker = Labbook.open(store, TrackerOptions.defaults().withShutdownHook(false))) {
            for (String[] spec : new String[][] {{"good", "0.95"}, {"weak", "0.87"}}) {
                try (Run run = tracker.start("fraud", spec[0])) {
                    run.metric("val_auc", Double.parseDouble(spec[1]), 1);
                    run.artifact(spec[0].getBytes(StandardCharsets.UTF_8), "model.bin");
                }
            }
        }
        assertThat(labbook("models", "register", "good", "--model", "fraud-detector", "--artifact", "model.bin",
                "--store", store)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("as fraud-detector version 1");
        assertThat(labbook("models", "register", "weak", "--model", "fraud-detector", "--artifact", "model.bin",
                "--store", store)).as(err.toString()).isZero();
    }

    @Test
    void promoteExitsZeroWhenPromotedThreeWhenTheGateFailsAndTwoOnBadInput() {
        assertThat(labbook("promote", "fraud-detector", "1", "--to", "production", "--if", "metrics.val_auc >= 0.92",
                "--store", store)).as(err.toString()).isEqualTo(ModelCommands.PROMOTED);
        assertThat(out.toString()).isEqualTo("Promoted fraud-detector version 1 to production; gate passed:"
                + " metrics.val_auc >= 0.92.\n");

        assertThat(labbook("promote", "fraud-detector", "2", "--to", "production", "--if", "metrics.val_auc >= 0.92",
                "--store", store)).isEqualTo(ModelCommands.GATE_FAILED);
        assertThat(err.toString()).startsWith("labbook promote: Gate failed for fraud-detector/2")
                .contains("metrics.val_auc = 0.87").endsWith("production still points at version 1.\n");
        assertThat(err.toString().lines()).hasSize(1);

        String[][] mistakes = {
                {"promote", "fraud-detector", "9", "--to", "production", "--store", store},
                {"promote", "fraud-detector", "2", "--to", "production", "--if", "metrics.val_auc >>= 1", "--store", store},
                {"promote", "no-such", "1", "--to", "production", "--store", store},
                {"promote", "fraud-detector", "two", "--to", "production", "--store", store},
                {"promote", "fraud-detector", "2", "--store", store},
                {"promote", "fraud-detector", "2", "--to", "production", "--iff", "x", "--store", store},
                {"models", "nosuch", "--store", store}};
        for (String[] mistake : mistakes) {
            assertThat(labbook(mistake)).as(String.join(" ", mistake) + ": " + err).isEqualTo(ModelCommands.USAGE);
            assertThat(err.toString().lines()).as(String.join(" ", mistake)).hasSizeGreaterThanOrEqualTo(1);
            assertThat(err.toString().lines().findFirst().orElseThrow()).startsWith("labbook");
            assertThat(err.toString()).doesNotContain("\tat ");
        }

        assertThat(labbook("models", "fraud-detector", "--store", store)).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("Model fraud-detector: 2 versions, aliases production=v1")
                .contains("val_auc").contains("#1 ");
        assertThat(labbook("models", "--store", store)).isZero();
        assertThat(out.toString()).contains("fraud-detector").contains("production=v1");
        assertThat(labbook("models", "lineage", "fraud-detector@production", "--store", store)).isZero();
        assertThat(out.toString()).startsWith("fraud-detector@production is fraud-detector/1");

        assertThat(labbook("models", "demote", "fraud-detector", "--from", "production", "--note", "rollback",
                "--store", store)).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("Removed alias production from fraud-detector (it pointed at version 1).\n");
        assertThat(labbook("models", "demote", "fraud-detector", "--from", "production", "--store", store))
                .isEqualTo(ModelCommands.USAGE);
        assertThat(err.toString()).startsWith("labbook models demote: Model 'fraud-detector' has no alias 'production'");
    }

    @Test
    void archiveHidesAVersionAndRestoreBringsItBackWithTheSameExitCodes() {
        assertThat(labbook("models", "archive", "fraud-detector", "2", "--store", store)).as(err.toString())
                .isEqualTo(ModelCommands.PROMOTED);
        assertThat(out.toString()).isEqualTo("Archived fraud-detector version 2; labbook models restore"
                + " fraud-detector 2 brings it back.\n");
        assertThat(labbook("models", "fraud-detector", "--store", store)).isZero();
        assertThat(out.toString()).startsWith("Model fraud-detector: 1 version\n").contains("good").doesNotContain("weak");
        assertThat(labbook("models", "fraud-detector", "--all", "--store", store)).isZero();
        assertThat(out.toString()).startsWith("Model fraud-detector: 2 versions").contains("2 (archived)").contains("weak");
        assertThat(labbook("promote", "fraud-detector", "2", "--to", "production", "--store", store))
                .isEqualTo(ModelCommands.USAGE);
        assertThat(err.toString()).contains("is archived");

        assertThat(labbook("models", "restore", "fraud-detector", "2", "--store", store)).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("Restored fraud-detector version 2.\n");
        assertThat(labbook("models", "fraud-detector", "--store", store)).isZero();
        assertThat(out.toString()).startsWith("Model fraud-detector: 2 versions").contains("weak");

        // An alias pins its version: archiving it is refused and nothing changes.
        assertThat(labbook("promote", "fraud-detector", "1", "--to", "production", "--store", store)).isZero();
        String[][] mistakes = {
                {"models", "archive", "fraud-detector", "1", "--store", store},
                {"models", "archive", "fraud-detector", "9", "--store", store},
                {"models", "restore", "no-such", "1", "--store", store},
                {"models", "restore", "fraud-detector", "two", "--store", store},
                {"models", "archive", "fraud-detector", "--store", store}};
        for (String[] mistake : mistakes) {
            assertThat(labbook(mistake)).as(String.join(" ", mistake) + ": " + err).isEqualTo(ModelCommands.USAGE);
            assertThat(err.toString().lines().findFirst().orElseThrow()).startsWith("labbook");
            assertThat(err.toString()).doesNotContain("\tat ");
        }
        assertThat(labbook("models", "fraud-detector", "--store", store)).isZero();
        assertThat(out.toString()).startsWith("Model fraud-detector: 2 versions").contains("weak")
                .doesNotContain("archived");
    }
}
