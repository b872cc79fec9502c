package org.labbook.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.extension.snapshot.CellRecord;
import org.labbook.extension.snapshot.SessionSnapshot;
import org.labbook.extension.snapshot.VariableRecord;
import org.labbook.kernel.protocol.InProcessClient.Exchange;
import org.labbook.kernel.testing.KernelHarness;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.RunQuery;
import org.labbook.tracking.Tracker;

/**
 * Values whose toString is slow, in a real kernel recording into a real SQLite store: the cells that declare and
 * name them take no longer than their own code, and the record still gets what could be rendered in time.
 */
class SlowValuesKernelTest {
    /** Far below the 3 s a slow toString takes: a cell paying for it once would fail. */
    private static final long CELL_MILLIS = 1500;

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
        if (kernel != null) {
            kernel.close();
        }
    }

    private long okMillis(String code) {
        long start = System.nanoTime();
        ok(code);
        return (System.nanoTime() - start) / 1_000_000;
    }

    private Exchange ok(String code) {
        Exchange cell = kernel.execute(code);
        assertThat(cell.replyContent().path("status").asText())
                .as("cell %s: %s", code, cell.replyContent().path("evalue").asText()).isEqualTo("ok");
        return cell;
    }

    @Test
    void aSlowToStringDoesNotSlowTheCellsThatDeclareOrNameItAndTheRecordSaysWhy() throws Exception {
        ok("class Slow { public String toString() { try { Thread.sleep(3000); } catch (InterruptedException e) { }"
                + " return \"slow value\"; } }");
        ok("class Fast { public String toString() { return \"fast value\"; } }");
        ok("%track start slow-values");

        assertThat(okMillis("Slow slow = new Slow();")).isLessThan(CELL_MILLIS);
        assertThat(okMillis("int h = slow.hashCode() + 1;")).isLessThan(CELL_MILLIS);
        ok("Fast fast = new Fast();");
        ok("List<Integer> big = new ArrayList<>(Collections.nCopies(1_000_000, 7));");
        ok("int[] few = {1, 2, 3};");
        ok("List<Integer> small = List.of(4, 5, 6);");
        ok("%track end");
        kernel.close();
        kernel = null;

        try (Tracker tracker = Labbook.open(storeDir.toString())) {
            List<RunDetails> runs = tracker.runs(RunQuery.all()).runs();
            assertThat(runs).hasSize(1);
            SessionSnapshot session = RunArtifacts.session(tracker, runs.get(0).id()).orElseThrow();
            Map<String, VariableRecord> variables = session.cells().stream()
                    .map(CellRecord::state).flatMap(state -> state.variables().stream())
                    .collect(Collectors.toMap(VariableRecord::name, Function.identity(), (a, b) -> b));
            assertThat(variables.get("slow").summary()).startsWith("Slow@").contains("toString took over");
            assertThat(variables.get("fast").summary()).isEqualTo("fast value");
            assertThat(variables.get("big").summary()).isEqualTo("ArrayList (1000000 elements)");
            assertThat(variables.get("few").summary()).isEqualTo("int[3] { 1, 2, 3 }");
            assertThat(variables.get("small").summary()).isEqualTo("[4, 5, 6]");
        }
    }
}
