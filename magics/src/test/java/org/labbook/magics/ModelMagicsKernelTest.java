package org.labbook.magics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.kernel.testing.KernelHarness;
import org.labbook.tracking.AliasMove;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.ModelVersion;
import org.labbook.tracking.Tracker;

/**
 * The registry's {@code %track} subcommands in notebook-like cells on a real kernel and a real SQLite store:
 * register two runs, promote the better one behind a gate, be refused for the worse one, read the
 * versions, the lineage and the audit trail back from the store.
 */
class ModelMagicsKernelTest {
    @TempDir
    Path storeDir;

    private KernelHarness kernel;

    @BeforeEach
    void startKernel() {
        kernel = KernelHarness.start();
        text("%track store " + storeDir);
    }

    @AfterEach
    void stopKernel() {
        if (kernel != null) {
            kernel.close();
        }
    }

    private String text(String code) {
        var cell = kernel.execute(code);
        ObjectNode reply = cell.replyContent();
        assertThat(reply.path("status").asText()).as("cell %s failed: %s %s", code, reply.path("ename").asText(),
                reply.path("evalue").asText()).isEqualTo("ok");
        // Confirmations are printed on stdout; tables and charts are the cell's result.
        String result = KernelHarness.resultText(cell);
        return result != null ? result : KernelHarness.stdout(cell).stripTrailing();
    }

    private ObjectNode error(String code) {
        ObjectNode reply = kernel.execute(code).replyContent();
        assertThat(reply.path("status").asText()).as("cell %s should fail", code).isEqualTo("error");
        return reply;
    }

    private void train(String name, double auc) {
        text("%track start " + name + " --experiment fraud");
        text("Track.metric(\"val_auc\", " + auc + ", 1);\n"
                + "java.nio.file.Path f = java.nio.file.Files.writeString(java.nio.file.Files.createTempFile(\"m\", \".bin\"), \""
                + name + "\");\nTrack.artifact(f.toString(), \"model.bin\");");
        text("%track end");
    }

    @Test
    void registerPromoteBehindAGateRefuseTheWorseAndReadTheLineage() {
        train("good", 0.95);
        train("weak", 0.87);
        assertThat(text("%track register good --model fraud-detector --artifact model.bin --note \"first\""))
                .startsWith("Registered run 'good'").contains("as fraud-detector version 1 with artifact model.bin");
        assertThat(text("%track register weak --model fraud-detector --artifact model.bin"))
                .contains("as fraud-detector version 2");
        assertThat(text("%track promote fraud-detector 1 --to production --if \"metrics.val_auc >= 0.92\" --note ship"))
                .isEqualTo("Promoted fraud-detector version 1 to production; gate passed: metrics.val_auc >= 0.92.");

        ObjectNode refused = error("%track promote fraud-detector 2 --to production --if \"metrics.val_auc >= 0.92\"");
        assertThat(refused.path("ename").asText()).isEqualTo("GateFailedException");
        assertThat(refused.path("evalue").asText()).contains("metrics.val_auc >= 0.92 does not hold")
                .contains("metrics.val_auc = 0.87").contains("production still points at version 1").doesNotContain("\n");

        String listing = text("%track models fraud-detector");
        assertThat(listing).contains("fraud-detector").contains("production");
        assertThat(text("%track models")).contains("fraud-detector").contains("production=v1");
        String lineage = text("%track lineage fraud-detector@production");
        assertThat(lineage).startsWith("fraud-detector@production is fraud-detector/1").contains("run          'good'")
                .contains("artifact     model.bin sha256").contains("promotion    #1");

        ObjectNode deleting = error("%track delete good");
        assertThat(deleting.path("evalue").asText()).contains("fraud-detector/1").contains("--force");

        assertThat(text("%track demote fraud-detector --from production --note rollback"))
                .isEqualTo("Removed alias production from fraud-detector (it pointed at version 1).");
        try (Tracker tracker = Labbook.open(storeDir.toString())) {
            List<AliasMove> trail = tracker.models().history("fraud-detector");
            assertThat(trail).extracting(AliasMove::alias).containsExactly("production", "production");
            assertThat(trail.get(0).gate()).isEqualTo("metrics.val_auc >= 0.92");
            assertThat(trail.get(1).note()).isEqualTo("rollback");
            assertThat(tracker.models().versions("fraud-detector")).extracting(ModelVersion::version).containsExactly(2, 1);
        }
    }

    @Test
    void mistakesAreOneLineWithTheUsageAndChangeNothing() {
        train("good", 0.95);
        text("%track register good --model m --artifact model.bin");
        for (String mistake : List.of("%track register good --model 'bad name'", "%track register nosuchrun --model m",
                "%track register good --model m --artifact nope.bin", "%track promote m 9 --to production",
                "%track promote m 1 --to production --if \"metrics.val_auc >>= 1\"", "%track promote m 1",
                "%track demote m --from production", "%track lineage m@staging", "%track models nosuch")) {
            ObjectNode reply = error(mistake);
            assertThat(reply.path("evalue").asText()).as(mistake).doesNotContain("\n").contains("Usage: %track");
            assertThat(reply.path("traceback").toString()).as(mistake).doesNotContain("at org.");
        }
        try (Tracker tracker = Labbook.open(storeDir.toString())) {
            assertThat(tracker.models().versions("m", true)).hasSize(1);
            assertThat(tracker.models().history("m")).isEmpty();
        }
    }
}
