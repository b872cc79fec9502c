package org.labbook.magics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.kernel.protocol.InProcessClient.Exchange;
import org.labbook.kernel.testing.KernelHarness;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.Run;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.RunQuery;
import org.labbook.tracking.RunStatus;
import org.labbook.tracking.Tracker;

/**
 * Notebook-like sequences of cells against a real kernel (JShell in-process) and a real SQLite store in a
 * temporary folder; every test reads the store back to check what the cells did.
 */
class TrackKernelTest {
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

    private Exchange run(String code) {
        return kernel.execute(code);
    }

    /** Runs a cell that must succeed; returns its result text (or null). */
    private String ok(String code) {
        Exchange cell = run(code);
        ObjectNode reply = cell.replyContent();
        assertThat(reply.path("status").asText()).as("cell %s failed: %s %s", code, reply.path("ename").asText(),
                reply.path("evalue").asText()).isEqualTo("ok");
        return KernelHarness.resultText(cell);
    }

    /** Runs a cell that must succeed with printed output and no result (no Out[n]); returns what it printed. */
    private String printed(String code) {
        Exchange cell = run(code);
        assertThat(cell.replyContent().path("status").asText()).as("cell %s failed: %s", code,
                cell.replyContent().path("evalue").asText()).isEqualTo("ok");
        assertThat(KernelHarness.resultText(cell)).as("result of %s", code).isNull();
        return KernelHarness.stdout(cell).stripTrailing();
    }

    /** Runs a cell that must fail; returns its reply (ename, evalue, traceback). */
    private ObjectNode error(String code) {
        ObjectNode reply = run(code).replyContent();
        assertThat(reply.path("status").asText()).as("cell %s should fail", code).isEqualTo("error");
        return reply;
    }

    private List<RunDetails> storedRuns(String experiment) {
        try (Tracker tracker = Labbook.open(storeDir.toString())) {
            return tracker.runs(RunQuery.inExperiment(experiment).orderBy("attributes.start_time ASC")).runs();
        }
    }

    @Test
    void notebookSequenceTracksTwoRunsAndQueriesThem() {
        ok("double lr = 0.01;\nint batch = 32;");
        assertThat(printed("%track start first --experiment demo --tag model=linear --note \"first try\""))
                .startsWith("Started run 'first'").contains("experiment 'demo'");
        assertThat(printed("%track param lr batch optimizer=sgd"))
                .startsWith("Logged to run 'first' (").endsWith("): lr=0.01 batch=32 optimizer=sgd");
        ok("for (int step = 0; step < 20; step++) {\n    Track.metric(\"loss\", 1.0 / (step + 1), step);\n}");
        assertThat(printed("%track end")).contains("'first'").contains("FINISHED").contains("3 params").contains("1 metric");
        ok("Track.start(\"demo\", \"second\");\nTrack.params(java.util.Map.of(\"lr\", 0.1, \"batch\", 32));\n"
                + "for (int step = 0; step < 20; step++) Track.metric(\"loss\", 0.5 / (step + 1));\nTrack.end();");

        String runs = ok("%track runs");
        assertThat(runs).contains("Runs of experiment 'demo' (2 runs)").contains("first").contains("second")
                .contains("params.lr").contains("metrics.loss");
        assertThat(ok("%track best loss")).startsWith("Best run by lowest loss: second");
        assertThat(ok("%track best loss --max")).startsWith("Best run by highest loss: first");
        assertThat(ok("%track compare --metric loss")).contains("loss by step").contains("20");

        List<RunDetails> stored = storedRuns("demo");
        assertThat(stored).extracting(RunDetails::name).containsExactly("first", "second");
        assertThat(stored).extracting(RunDetails::status).containsOnly(RunStatus.FINISHED);
        assertThat(stored.get(0).params()).containsEntry("lr", "0.01").containsEntry("batch", "32").containsEntry("optimizer", "sgd");
        assertThat(stored.get(0).tags()).containsEntry("model", "linear");
        assertThat(stored.get(0).metrics().get("loss").count()).isEqualTo(20);
        assertThat(stored.get(0).metrics().get("loss").latest()).isEqualTo(1.0 / 20);
        assertThat(stored.get(1).params()).containsEntry("lr", "0.1");
        assertThat(stored.get(1).metrics().get("loss").lastStep()).isEqualTo(19);
    }

    @Test
    void trackApiReturnsObjectsThatCarryTheData() {
        ok("Track.start(\"api\", \"a\"); Track.metric(\"acc\", 0.7, 0); Track.metric(\"acc\", 0.8, 1); Track.end();");
        ok("Track.start(\"api\", \"b\"); Track.metric(\"acc\", 0.9, 0); Track.end();");
        assertThat(ok("Track.best(\"acc\", \"max\").best().name()")).isEqualTo("b");
        assertThat(ok("Track.runs().runs().size()")).isEqualTo("2");
        assertThat(ok("Track.runs(\"metrics.acc > 0.85\").runs().get(0).name()")).isEqualTo("b");
        assertThat(ok("Track.compare(\"a\", \"b\").histories().get(\"acc\").values().stream().mapToInt(java.util.List::size).sum()"))
                .isEqualTo("3");
        assertThat(ok("Track.show(\"last\").run().name()")).isEqualTo("b");
    }

    @Test
    void loggingWithoutAnActiveRunSaysToStartOneAndWritesNothing() {
        ObjectNode magic = error("%track metric loss=1");
        assertThat(magic.path("ename").asText()).isEqualTo("TrackUsageError");
        assertThat(magic.path("evalue").asText()).contains("No active run").contains("%track start")
                .contains("Usage: %track metric KEY=VALUE... [--step N]").doesNotContain("\n");
        assertThat(magic.path("traceback")).hasSize(1);

        ObjectNode java = error("Track.metric(\"loss\", 1.0, 0);");
        assertThat(java.path("evalue").asText()).contains("No active run").contains("%track start");
        assertThat(Files.exists(storeDir.resolve("labbook.db")) ? storedRuns("default") : List.of()).isEmpty();
    }

    @Test
    void grammarErrorsAreOneLineWithTheClosestOptionAndTheUsage() {
        ObjectNode reply = error("%track start --experimnt foo");
        assertThat(reply.path("ename").asText()).isEqualTo("TrackUsageError");
        assertThat(reply.path("evalue").asText()).isEqualTo("Unknown option '--experimnt' for %track start (did you mean"
                + " --experiment?). Usage: %track start [NAME] [--experiment EXP] [--tag KEY=VALUE]... [--note TEXT]"
                + " [--nested | --parent RUN]");
        assertThat(reply.path("traceback")).hasSize(1);
        assertThat(storedRuns("default")).isEmpty();
    }

    @Test
    void startingWhileARunIsActiveNamesTheRunAndCreatesNothing() {
        ok("%track start one --experiment e");
        ObjectNode reply = error("%track start two --experiment e");
        assertThat(reply.path("evalue").asText()).contains("Run 'one'").contains("%track end").contains("--nested")
                .contains("Usage: %track start");
        ok("%track end");
        assertThat(storedRuns("e")).extracting(RunDetails::name).containsExactly("one");
    }

    @Test
    void nestedRunIsAChildAndEndingItReturnsToTheParent() {
        ok("%track start sweep --experiment n");
        ok("%track start fold-1 --nested");
        assertThat(ok("Track.run().name()")).isEqualTo("fold-1");
        ok("%track end");
        assertThat(ok("Track.run().name()")).isEqualTo("sweep");
        ok("%track end");
        List<RunDetails> runs = storedRuns("n");
        RunDetails parent = runs.stream().filter(r -> r.name().equals("sweep")).findFirst().orElseThrow();
        RunDetails child = runs.stream().filter(r -> r.name().equals("fold-1")).findFirst().orElseThrow();
        assertThat(child.info().parent()).contains(parent.id());
        assertThat(error("Track.run()").path("evalue").asText()).contains("No active run");
    }

    @Test
    void conflictingParamIsRejectedWithBothValuesAndTheBatchIsNotStored() {
        ok("%track start p --experiment c");
        ok("%track param lr=0.1");
        ObjectNode reply = error("%track param extra=1 lr=0.2");
        assertThat(reply.path("evalue").asText()).contains("'0.1'").contains("'0.2'").contains("Usage: %track param");
        ok("%track end");
        assertThat(storedRuns("c").get(0).params()).containsOnly(Map.entry("lr", "0.1"));
    }

    @Test
    void paramsFromAMissingVariableAreRejectedBeforeAnythingIsStored() {
        ok("int epochs = 5;");
        ok("%track start v --experiment c");
        assertThat(error("%track param epochs nosuchvar").path("evalue").asText()).contains("No variable 'nosuchvar'");
        ok("%track end");
        assertThat(storedRuns("c").get(0).params()).isEmpty();
    }

    @Test
    void unknownAndAmbiguousRunReferencesAreClearErrors() {
        ok("%track start twin --experiment r");
        ok("%track end");
        ok("%track start twin --experiment r");
        ok("%track end");
        assertThat(error("%track show nosuch").path("evalue").asText()).contains("No run matches 'nosuch'")
                .contains("Usage: %track show [RUN]");
        assertThat(error("%track show twin").path("evalue").asText()).contains("matches 2 runs");
        String id = storedRuns("r").get(0).id();
        assertThat(ok("%track show " + id.substring(0, 10))).contains(id);
    }

    @Test
    void seedIsLoggedAndDefinesSeedAndASeededRandom() {
        assertThat(printed("%track seed 42")).contains("when the next run starts");
        ok("%track start s --experiment seeds");
        assertThat(ok("SEED")).isEqualTo("42");
        assertThat(ok("RNG.nextInt()")).isEqualTo(Integer.toString(new Random(42).nextInt()));
        ok("%track end");
        assertThat(storedRuns("seeds").get(0).params()).containsEntry("seed", "42");
    }

    @Test
    void paramsCellLogsEveryLine() {
        ok("%track start cellparams --experiment c");
        assertThat(printed("%%track params\n# setup\nlr = 0.001\nname = \"two words\"  # quoted\n")).contains("2 params");
        ok("%track end");
        assertThat(storedRuns("c").get(0).params()).containsEntry("lr", "0.001").containsEntry("name", "two words");
    }

    @Test
    void deleteHidesARunAndRestoreBringsItBack() {
        ok("%track start gone --experiment d");
        assertThat(error("%track delete gone").path("evalue").asText()).contains("is the active run");
        ok("%track end");
        ok("%track delete gone");
        assertThat(storedRuns("d")).isEmpty();
        ok("%track restore gone");
        assertThat(storedRuns("d")).extracting(RunDetails::name).containsExactly("gone");
    }

    @Test
    void anotherUsersRunIsDeletedOrRestoredOnlyWithForce() {
        String id;
        try (Tracker ada = Labbook.open(storeDir.toString());
             Run run = ada.newRun("shared").name("adas-run").user("ada").start()) {
            id = run.id();
        }
        String me = System.getProperty("user.name");
        ObjectNode refused = error("%track delete " + id);
        assertThat(refused.path("ename").asText()).isEqualTo("NotYourRunException");
        assertThat(refused.path("evalue").asText())
                .contains("run 'adas-run' (" + id + ")").contains("belongs to user 'ada', and you are '" + me + "'")
                .contains("add --force").contains("Usage: %track delete RUN [--force]").doesNotContain("\n");
        assertThat(storedRuns("shared")).extracting(RunDetails::name).containsExactly("adas-run");

        assertThat(printed("%track delete " + id + " --force")).startsWith("Deleted run 'adas-run'");
        assertThat(storedRuns("shared")).isEmpty();
        assertThat(error("%track restore " + id).path("evalue").asText()).contains("belongs to user 'ada'")
                .contains("add --force");
        assertThat(storedRuns("shared")).isEmpty();
        assertThat(printed("%track restore --force " + id)).startsWith("Restored run 'adas-run'");
        assertThat(storedRuns("shared")).extracting(RunDetails::name).containsExactly("adas-run");

        assertThat(error("%track end --force").path("evalue").asText()).contains("Unknown option '--force' for %track end");
        assertThat(printed("%track help delete")).contains("--force").contains("another user");
    }

    @Test
    void showDescribesTheActiveRunWithItsArtifactsAndDatasets() throws Exception {
        Path csv = Files.writeString(storeDir.resolve("train.csv"), "a,b\n1,2\n3,4\n");
        ok("%track start shown --experiment s");
        ok("%track tag stage=dev");
        ok("%track note looks good");
        ok("%track metric acc=0.5 --step 3");
        assertThat(printed("%track artifact " + csv + " --name data.csv")).contains("'data.csv'");
        assertThat(printed("%track dataset " + csv)).contains("2 rows x 2 columns");
        String shown = ok("%track show");
        assertThat(shown).contains("Run shown").contains("stage = dev").contains("acc").contains("looks good")
                .contains("artifact data.csv").contains("dataset train.csv");
        ok("%track end --status killed");
        assertThat(storedRuns("s").get(0).status()).isEqualTo(RunStatus.KILLED);
    }

    @Test
    void runLeftOpenIsEndedFinishedWhenTheKernelShutsDown() {
        ok("%track start open --experiment shut");
        ok("Track.metric(\"loss\", 0.3, 0);");
        kernel.close();
        kernel = null;
        RunDetails run = storedRuns("shut").get(0);
        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(run.metrics().get("loss").count()).isEqualTo(1);
    }

    @Test
    void helpAndStoreAndReservedSubcommandsAnswer() {
        assertThat(printed("%track help")).contains("%track start").contains("%%track params");
        assertThat(printed("%track help runs")).startsWith("Usage: %track runs");
        assertThat(printed("%track store")).contains(storeDir.toString());
        assertThat(error("%track live loss").path("evalue").asText()).contains("not available in this kernel");
        assertThat(printed("%track diff base tuned")).isEqualTo("diff base -> tuned");
        assertThat(ok("%track experiments")).contains("No experiments yet");
    }

    @Test
    void runsWithMinMaxShowEachMetricsLowestAndHighestBesideTheLatest() {
        ok("%track start spiky");
        ok("%track metric loss=3 --step 0");
        ok("%track metric loss=1 --step 1");
        ok("%track metric loss=2 --step 2");
        ok("%track end");
        String plain = ok("%track runs");
        assertThat(plain).contains("metrics.loss").doesNotContain("metrics.loss min");
        String table = ok("%track runs --min-max");
        String header = table.lines().filter(line -> line.contains("metrics.loss")).findFirst().orElseThrow();
        String row = table.lines().filter(line -> line.startsWith("spiky")).findFirst().orElseThrow();
        assertThat(header).containsSubsequence("metrics.loss", "metrics.loss min", "metrics.loss max");
        assertThat(row.strip()).matches(".*\\s2\\s+1\\s+3");
    }

    @Test
    void columnsAskedForLeadTheirGroupsAndATypoIsOneLine() {
        ok("%track start wide");
        ok("%track param a=1 b=2 z=3");
        ok("%track metric acc=0.5 loss=0.25 --step 0");
        ok("%track end");
        String header = ok("%track runs --columns params.z,metrics.loss").lines()
                .filter(line -> line.startsWith("run ")).findFirst().orElseThrow();
        assertThat(header).containsSubsequence("params.z", "params.a", "params.b", "metrics.loss", "metrics.acc");
        assertThat(error("%track runs --columns z").path("evalue").asText())
                .contains("Invalid column 'z' in --columns").contains("Usage: %track runs").doesNotContain("\n");
    }

    @Test
    void queryOptionsSelectOrderAndLimitRuns() {
        for (int i = 1; i <= 3; i++) {
            ok("%track start r" + i + " --experiment q");
            ok("%track metric acc=0." + i + " --step 0");
            ok("%track end");
        }
        String ordered = ok("%track runs --experiment q --order-by metrics.acc desc --limit 2");
        assertThat(ordered).contains("(2 runs)").contains("more runs match");
        assertThat(ordered.indexOf("r3")).isLessThan(ordered.indexOf("r2"));
        assertThat(ordered).doesNotContain("r1 ");
        assertThat(ok("%track runs --filter \"metrics.acc < 0.15\"")).contains("(1 run)").contains("r1");
        assertThat(ok("%track compare r1 r3")).startsWith("Comparing 2 runs").contains("acc by step");
        assertThat(ok("%track best acc --max --filter \"metrics.acc < 0.25\"")).startsWith("Best run by highest acc: r2");
        assertThat(error("%track runs --experiment nope").path("evalue").asText())
                .contains("No experiment 'nope'").contains("it has q").contains("Usage: %track runs");
        assertThat(error("%track compare r1 --filter \"metrics.acc > 0\"").path("evalue").asText())
                .contains("not both");
        assertThat(error("%track best loss").path("evalue").asText()).contains("has a value of metric 'loss'");
        assertThat(error("%track runs --filter \"metrics.acc >>\"").path("evalue").asText())
                .contains("Usage: %track runs").doesNotContain("\n");
        assertThat(error("%track end").path("evalue").asText()).contains("No active run to end");
        assertThat(ok("%track experiments")).contains("q");
    }

    @Test
    void childRunCanNameItsParentAndTheStoreCannotSwitchUnderAnActiveRun() throws Exception {
        ok("%track start sweep --experiment p");
        ok("%track end");
        ok("%track start trial --parent sweep");
        Path other = Files.createDirectories(storeDir.resolve("other"));
        assertThat(error("%track store " + other).path("evalue").asText()).contains("end it with %track end before switching");
        ok("%track end");
        List<RunDetails> runs = storedRuns("p");
        RunDetails sweep = runs.stream().filter(r -> r.name().equals("sweep")).findFirst().orElseThrow();
        assertThat(runs.stream().filter(r -> r.name().equals("trial")).findFirst().orElseThrow().info().parent())
                .contains(sweep.id());
        assertThat(printed("%track store " + other)).contains(other.toString());
        assertThat(ok("%track experiments")).contains("No experiments yet");
    }

    @Test
    void notebookPathBecomesTheSourceAndTheDefaultExperimentOfNewRuns() {
        assertThat(printed("%track notebook work/churn.ipynb")).contains("churn.ipynb");
        ok("%track start");
        ok("%track end");
        List<RunDetails> runs = storedRuns("churn");
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).info().source().notebookPath()).endsWith("work/churn.ipynb");
        assertThat(runs.get(0).name()).isNotBlank();
    }
}
