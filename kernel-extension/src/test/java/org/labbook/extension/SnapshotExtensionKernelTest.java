package org.labbook.extension;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.extension.snapshot.CellRecord;
import org.labbook.extension.snapshot.Outcome;
import org.labbook.extension.snapshot.SessionSnapshot;
import org.labbook.kernel.protocol.InProcessClient.Exchange;
import org.labbook.kernel.testing.KernelHarness;
import org.labbook.tracking.ArtifactRef;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.RunQuery;
import org.labbook.tracking.Tracker;

/** Notebook sessions in a real kernel (JShell in-process) with a real SQLite store in a temporary folder. */
class SnapshotExtensionKernelTest {

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

    private Exchange ok(String code) {
        Exchange cell = kernel.execute(code);
        assertThat(cell.replyContent().path("status").asText())
                .as("cell %s: %s", code, cell.replyContent().path("evalue").asText()).isEqualTo("ok");
        return cell;
    }

    private Tracker store() {
        return Labbook.open(storeDir.toString());
    }

    private RunDetails onlyRun(Tracker tracker) {
        List<RunDetails> runs = tracker.runs(RunQuery.all()).runs();
        assertThat(runs).hasSize(1);
        return runs.get(0);
    }

    @Test
    void endedRunHoldsTheWholeSessionFromKernelStartIncludingPreludeAndStderr() throws Exception {
        ok("int epochs = 3;");
        ok("String greet(String who) { return \"hi \" + who; }");
        ok("%track start baseline");
        ok("System.err.println(\"slow disk\"); System.out.println(greet(\"lab\"));");
        kernel.execute("throw new IllegalStateException(\"diverged\");");
        ok("Track.metric(\"loss\", 0.25);");
        ok("%track end");
        kernel.close();
        kernel = null;

        try (Tracker tracker = store()) {
            RunDetails run = onlyRun(tracker);
            SessionSnapshot session = RunArtifacts.session(tracker, run.id()).orElseThrow();
            List<String> sources = session.cells().stream().map(CellRecord::source).toList();
            assertThat(sources).containsSubsequence("int epochs = 3;", "%track start baseline",
                    "System.err.println(\"slow disk\"); System.out.println(greet(\"lab\"));", "%track end");
            CellRecord printing = session.cells().stream().filter(c -> c.source().startsWith("System.err")).findFirst()
                    .orElseThrow();
            assertThat(printing.stderr()).isEqualTo("slow disk\n");
            assertThat(printing.stdout()).isEqualTo("hi lab\n");
            assertThat(session.cells()).anySatisfy(c -> assertThat(c.outcome().kind()).isEqualTo(Outcome.Kind.ERROR));
            assertThat(session.cells().get(1).state().variables()).extracting(v -> v.name()).contains("epochs");

            List<String> names = tracker.artifacts(run.id()).stream().map(ArtifactRef::name).toList();
            assertThat(names).contains(RunArtifacts.SESSION_NOTEBOOK, RunArtifacts.SESSION_RECORDS,
                    RunArtifacts.ENVIRONMENT);
            JsonNode notebook = new ObjectMapper().readTree(tracker.readArtifact(
                    RunArtifacts.find(tracker.artifacts(run.id()), RunArtifacts.SESSION_NOTEBOOK).orElseThrow()));
            assertThat(notebook.path("nbformat").asInt()).isEqualTo(4);
            assertThat(notebook.path("cells").size()).isEqualTo(session.cells().size());
            assertThat(run.tags()).containsEntry("labbook.session.cells", String.valueOf(session.cells().size()))
                    .containsKey("labbook.java.version");
            assertThat(RunArtifacts.environment(tracker, run.id()).orElseThrow().javaVersion())
                    .isEqualTo(System.getProperty("java.version"));
        }
    }

    @Test
    void cellsOfAnActiveRunReachTheStoreWithoutWaitingForItsEnd() throws Exception {
        ok("%track start live");
        ok("double lr = 0.1;");
        // Wait for the writer through a cell that polls the store, as a second process would.
        try (Tracker tracker = store()) {
            String runId = onlyRun(tracker).id();
            long deadline = System.nanoTime() + KernelHarness.WAIT.toNanos();
            List<CellRecord> cells = List.of();
            while (System.nanoTime() < deadline) {
                cells = RunArtifacts.session(tracker, runId).map(SessionSnapshot::cells).orElse(List.of());
                if (cells.size() >= 3) {
                    break;
                }
                Thread.sleep(20);
            }
            assertThat(cells).extracting(CellRecord::source).containsSubsequence("%track start live", "double lr = 0.1;");
            assertThat(RunArtifacts.find(tracker.artifacts(runId), RunArtifacts.SESSION_NOTEBOOK)).isEmpty();
        }
    }

    @Test
    void aBurstOfCellsIsAttachedTogetherCompleteAndInOrder() throws Exception {
        ok("%track start burst");
        for (int i = 0; i < 20; i++) {
            ok("int step" + i + " = " + i + ";");
        }
        try (Tracker tracker = store()) {
            String runId = onlyRun(tracker).id();
            long deadline = System.nanoTime() + KernelHarness.WAIT.toNanos();
            List<CellRecord> cells = List.of();
            while (System.nanoTime() < deadline && cells.size() < 22) {
                cells = RunArtifacts.session(tracker, runId).map(SessionSnapshot::cells).orElse(List.of());
                Thread.sleep(20);
            }
            List<String> expected = new java.util.ArrayList<>(List.of("%track start burst"));
            for (int i = 0; i < 20; i++) {
                expected.add("int step" + i + " = " + i + ";");
            }
            assertThat(cells).extracting(CellRecord::source).containsSubsequence(expected);
            long cellArtifacts = tracker.artifacts(runId).stream()
                    .filter(a -> a.name().startsWith(RunArtifacts.CELL_PREFIX)).count();
            // Written every half second, not once per cell: twenty-one quick cells share artifacts.
            assertThat(cellArtifacts).isBetween(1L, 19L);
        }
    }

    /** Runs a cell until its result contains {@code expected}: the writer attaches in the background. */
    private String eventually(String code, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + KernelHarness.WAIT.toNanos();
        String text = "";
        while (System.nanoTime() < deadline) {
            Exchange cell = kernel.execute(code);
            text = KernelHarness.resultText(cell) + cell.replyContent().path("evalue").asText();
            if (text.contains(expected)) {
                return text;
            }
            Thread.sleep(50);
        }
        return text;
    }

    @Test
    void snapshotMagicShowsTheRunsCellsWithCountsAndOutcomes() throws Exception {
        ok("%track start shown");
        ok("int answer = 42;");
        ok("%track end");
        String shown = eventually("%track snapshot shown", "%track end");
        assertThat(shown).contains("Session of run 'shown'", "int answer = 42;", "ok", "%track start shown");
    }

    @Test
    void exportWritesTheSessionAsAValidNotebook(@TempDir Path out) throws Exception {
        ok("%track start exported");
        ok("System.out.println(\"trained\");");
        ok("%track end");
        eventually("%track snapshot exported", "%track end");
        Path file = out.resolve("exported.ipynb");
        ok("%track export exported --to " + file);
        JsonNode notebook = new ObjectMapper().readTree(file.toFile());
        assertThat(notebook.path("nbformat_minor").asInt()).isEqualTo(5);
        assertThat(notebook.toString()).contains("trained", "%track start exported");
        Process python = new ProcessBuilder("/usr/bin/python3", "-c",
                "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4)); print('valid')",
                file.toString()).redirectErrorStream(true).start();
        assertThat(new String(python.getInputStream().readAllBytes()).strip()).isEqualTo("valid");
    }

    @Test
    void exportRefusesToReplaceAnExistingFileUnlessForced(@TempDir Path out) throws Exception {
        ok("%track start open-notebook");
        ok("System.out.println(\"trained\");");
        ok("%track end");
        eventually("%track snapshot open-notebook", "%track end");
        Path file = out.resolve("open-notebook.ipynb");
        java.nio.file.Files.writeString(file, "the notebook being edited");

        Exchange refused = kernel.execute("%track export open-notebook --to " + file);
        assertThat(refused.replyContent().path("status").asText()).isEqualTo("error");
        assertThat(refused.replyContent().path("evalue").asText()).contains(file.toString(), "exists", "--force")
                .doesNotContain("\n").doesNotContain("Exception");
        assertThat(java.nio.file.Files.readString(file)).isEqualTo("the notebook being edited");

        ok("%track export open-notebook --to " + file + " --force");
        assertThat(new ObjectMapper().readTree(file.toFile()).path("nbformat").asInt()).isEqualTo(4);
    }

    @Test
    void exportToAFileThatIsNotANotebookIsOneClearLine() {
        ok("%track start x");
        ok("%track end");
        Exchange cell = kernel.execute("%track export x --to out.txt");
        assertThat(cell.replyContent().path("evalue").asText()).contains("must end in .ipynb")
                .doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void diffShowsParamsAndCodeThatDiffer() throws Exception {
        ok("%track start first");
        ok("%track param lr=0.1");
        ok("double lr = 0.1;");
        ok("%track end");
        eventually("%track snapshot first", "%track end");
        // A second kernel session, as on another day: its session starts afresh.
        kernel.close();
        kernel = KernelHarness.start();
        ok("%track store " + storeDir);
        ok("%track start second");
        ok("%track param lr=0.01");
        ok("double lr = 0.01;");
        ok("%track end");
        eventually("%track snapshot second", "%track end");
        String diff = KernelHarness.stdout(ok("%track diff first second"));
        assertThat(diff).contains("== Params ==", "lr: 0.1 -> 0.01", "-double lr = 0.1;", "+double lr = 0.01;",
                "== Environment ==");
    }

    @Test
    void notebookFileIsCopiedAsItWasAtRunStartAndAtRunEnd(@TempDir Path folder) throws Exception {
        Path notebook = java.nio.file.Files.writeString(folder.resolve("train.ipynb"), "{\"version\": 1}");
        ok("%track notebook " + notebook);
        ok("%track start copied");
        try (Tracker tracker = store()) {
            String runId = onlyRun(tracker).id();
            long deadline = System.nanoTime() + KernelHarness.WAIT.toNanos();
            while (System.nanoTime() < deadline
                    && RunArtifacts.find(tracker.artifacts(runId), RunArtifacts.NOTEBOOK_AT_START).isEmpty()) {
                Thread.sleep(20);
            }
        }
        java.nio.file.Files.writeString(notebook, "{\"version\": 2}");
        ok("%track end");
        eventually("%track snapshot copied", "%track end");
        try (Tracker tracker = store()) {
            String runId = onlyRun(tracker).id();
            // The copy at the end is attached after the session's cells, so it can land a moment later.
            long deadline = System.nanoTime() + KernelHarness.WAIT.toNanos();
            while (System.nanoTime() < deadline
                    && RunArtifacts.find(tracker.artifacts(runId), RunArtifacts.NOTEBOOK_AT_END).isEmpty()) {
                Thread.sleep(20);
            }
            List<ArtifactRef> artifacts = tracker.artifacts(runId);
            assertThat(new String(tracker.readArtifact(RunArtifacts.find(artifacts, RunArtifacts.NOTEBOOK_AT_START)
                    .orElseThrow()))).isEqualTo("{\"version\": 1}");
            assertThat(new String(tracker.readArtifact(RunArtifacts.find(artifacts, RunArtifacts.NOTEBOOK_AT_END)
                    .orElseThrow()))).isEqualTo("{\"version\": 2}");
        }
    }

    @Test
    void runsStartedAndEndedWithinOneCellEachGetTheSessionUpToThatCell() throws Exception {
        ok("double[] rates = {0.1, 0.3};");
        String sweep = "for (double lr : rates) {\n"
                + "    Track.start(\"sweep\", \"sweep-\" + lr);\n"
                + "    Track.param(\"lr\", lr);\n"
                + "    Track.metric(\"loss\", lr / 2, 0);\n"
                + "    Track.end();\n"
                + "}";
        ok(sweep);
        ok("int after = 1;");
        kernel.close();
        kernel = null;

        try (Tracker tracker = store()) {
            List<RunDetails> runs = tracker.runs(RunQuery.inExperiment("sweep")).runs();
            assertThat(runs).extracting(RunDetails::name).containsExactlyInAnyOrder("sweep-0.1", "sweep-0.3");
            for (RunDetails run : runs) {
                SessionSnapshot session = RunArtifacts.session(tracker, run.id()).orElseThrow(
                        () -> new AssertionError("run " + run.name() + " has no session snapshot"));
                List<String> sources = session.cells().stream().map(CellRecord::source).toList();
                // The session up to the cell that ended the run, not the cells after it.
                assertThat(sources).as("cells of %s", run.name()).endsWith("double[] rates = {0.1, 0.3};", sweep);
                assertThat(RunArtifacts.environment(tracker, run.id())).isPresent();
            }
        }
    }
}
