package org.labbook.magics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.kernel.protocol.InProcessClient.Exchange;
import org.labbook.kernel.testing.KernelHarness;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.MetricPoint;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.RunQuery;
import org.labbook.tracking.Tracker;

/**
 * The hooks other modules build on (metric and run listeners, the tracker, run references), used from
 * cells of a real kernel against a real store in a temporary folder.
 */
class TrackHooksKernelTest {
    @TempDir
    Path storeDir;

    private KernelHarness kernel;

    @BeforeEach
    void startKernel() {
        RunEventsForTests.clear();
        kernel = KernelHarness.start();
        ok("%track store " + storeDir);
    }

    @AfterEach
    void stopKernel() {
        if (kernel != null) {
            kernel.close();
        }
    }

    private String ok(String code) {
        Exchange cell = kernel.execute(code);
        ObjectNode reply = cell.replyContent();
        assertThat(reply.path("status").asText()).as("cell %s failed: %s %s", code, reply.path("ename").asText(),
                reply.path("evalue").asText()).isEqualTo("ok");
        return KernelHarness.resultText(cell);
    }

    private ObjectNode error(String code) {
        ObjectNode reply = kernel.execute(code).replyContent();
        assertThat(reply.path("status").asText()).as("cell %s should fail", code).isEqualTo("error");
        return reply;
    }

    @Test
    void metricListenerSeesEachPointWithTheStepTheStoreKeepsUntilItsRegistrationIsClosed() {
        ok("%track start listened --experiment hooks");
        ok("Track.metric(\"loss\", 0.6);"); // step 0, logged before anyone listens
        ok("var seen = new java.util.ArrayList<String>();\n"
                + "var registration = Track.listen((run, key, step, time, value) -> seen.add(key + \"@\" + step + \"=\" + value));");
        ok("Track.metric(\"loss\", 0.5);\n"
                + "Track.metric(\"loss\", 0.4);\n"
                + "Track.metric(\"acc\", 0.9, 10);\n"
                + "Track.metrics(java.util.Map.of(\"acc\", 0.95), 11);\n"
                + "Track.metric(\"acc\", 0.97);");
        ok("%track metric loss=0.35 --step 7");
        ok("registration.close();\nTrack.metric(\"loss\", 0.3);");
        String seen = ok("String.join(\",\", seen)");
        ok("%track end");

        assertThat(seen).isEqualTo("loss@1=0.5,loss@2=0.4,acc@10=0.9,acc@11=0.95,acc@12=0.97,loss@7=0.35");
        try (Tracker tracker = Labbook.open(storeDir.toString())) {
            RunDetails run = tracker.runs(RunQuery.inExperiment("hooks")).runs().get(0);
            assertThat(tracker.history(run.id(), "loss")).extracting(MetricPoint::step).containsExactly(0L, 1L, 2L, 7L, 8L);
            assertThat(tracker.history(run.id(), "acc")).extracting(MetricPoint::step).containsExactly(10L, 11L, 12L);
        }
    }

    @Test
    void runListenersFromTheClasspathHearRunsStartedAndEndedWithinOneCellAndRunsEndedThroughTheirHandle() {
        ok("for (int i = 0; i < 2; i++) {\n"
                + "    Track.start(\"hooks\", \"sweep-\" + i);\n"
                + "    Track.metric(\"x\", i, 0);\n"
                + "    Track.end();\n"
                + "}");
        ok("var handle = Track.start(\"hooks\", \"by-handle\");\n"
                + "handle.end(org.labbook.tracking.RunStatus.FAILED);");
        ok("%track start after --experiment hooks");
        ok("%track end --status killed");

        assertThat(RunEventsForTests.events()).containsExactly(
                "started sweep-0", "ended sweep-0 FINISHED",
                "started sweep-1", "ended sweep-1 FINISHED",
                "started by-handle", "ended by-handle FAILED",
                "started after", "ended after KILLED");
    }

    @Test
    void trackerAndResolveRunGiveOtherModulesTheSessionStoreWithoutItsInternals() {
        ok("%track start resolved --experiment hooks");
        ok("%track end");

        String id = ok("Track.resolveRun(\"resolved\").id()");
        String sameStore = ok("Track.tracker().details(Track.resolveRun(\"last\").id()).name()");

        assertThat(id).isNotBlank();
        assertThat(sameStore).isEqualTo("resolved");
        assertThat(error("Track.resolveRun(\"no-such-run\")").path("traceback").toString()).doesNotContain("\\tat ");
    }

    @Test
    void liveWithoutAChartImplementationIsOneClearError() {
        ObjectNode reply = error("Track.live(\"loss\")");

        assertThat(reply.path("evalue").asText()).contains("Track.live is not available in this kernel");
        assertThat(List.of(reply.path("traceback").toString())).noneMatch(text -> text.contains("\\tat "));
    }
}
