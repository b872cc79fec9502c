package org.labbook.extension.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.labbook.kernel.protocol.InProcessClient.Exchange;
import org.labbook.kernel.protocol.Message;
import org.labbook.kernel.testing.KernelHarness;

/**
 * The views in a real kernel (JShell in-process) with %track on a real SQLite store in a temporary folder.
 * One kernel and one pair of trained runs serve every test: starting JShell is the slow part.
 */
class ViewExtensionKernelTest {

    // Created here rather than injected: a static @TempDir is not yet set when this @BeforeAll runs in
    // every JUnit setup, and "%track store null" would then create a store in a folder called "null".
    private static Path storeDir;

    private static KernelHarness kernel;

    @BeforeAll
    static void startKernelAndTrainTwoRuns() throws IOException {
        storeDir = Files.createTempDirectory("labbook-views-store");
        kernel = KernelHarness.start();
        ok("%track store " + storeDir);
        train("slow", 0.01);
        train("fast", 0.1);
    }

    @AfterAll
    static void stopKernelAndDeleteTheStore() throws IOException {
        try {
            kernel.close();
        } finally {
            deleteTree(storeDir);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static Exchange ok(String code) {
        Exchange cell = kernel.execute(code);
        assertThat(cell.replyContent().path("status").asText())
                .as("cell %s: %s", code, cell.replyContent().path("evalue").asText()).isEqualTo("ok");
        return cell;
    }

    private static void train(String name, double lr) {
        ok("%track start " + name);
        ok("Track.param(\"lr\", " + lr + "); Track.param(\"epochs\", 3);\n"
                + "for (int i = 0; i < 200; i++) { Track.metric(\"loss\", " + lr + " * 10 / (i + 1.0), i); }");
        ok("%track end");
    }

    private static JsonNode resultData(Exchange cell) {
        List<Message> results = cell.published("execute_result");
        assertThat(results).as("execute_result").hasSize(1);
        return results.get(0).content().path("data");
    }

    @Test
    void compareDrawsTheTableAndChartsAsHtmlWithInlineImages() {
        JsonNode data = resultData(ok("Views.compare(Track.compare(\"slow\", \"fast\"))"));

        String html = data.path("text/html").asText();
        assertThat(html).contains("class=\"lb-comparison\"").contains("<th class=\"lb-param lb-diff\"")
                .contains(">slow <code").contains(">fast <code");
        assertThat(html).contains("<img class=\"lb-chart\" alt=\"loss\" src=\"data:image/png;base64,");
        assertThat(data.path("text/plain").asText()).contains("slow").contains("fast");
    }

    @Test
    void runsAndBestAreTablesWithTheBestRunMarked() {
        String runs = resultData(ok("Views.runs(Track.runs())")).path("text/html").asText();
        String best = resultData(ok("Views.best(Track.best(\"loss\"))")).path("text/html").asText();

        assertThat(runs).contains("class=\"lb-runs\"").contains("lb-status-finished");
        assertThat(best).contains("Best run by lowest loss: <b>slow</b>").contains("class=\"lb-best\"");
    }

    @Test
    void aLiveChartShowsAFrameAndDrawsItsFinalFrameInPlaceWhenTheCellEnds() {
        Exchange cell = ok("var live = LiveChart.show(\"loss\");\n"
                + "for (int i = 0; i < 5000; i++) { live.record(\"loss\", i, Math.exp(-i / 1000.0)); }");

        List<Message> shown = cell.published("display_data");
        List<Message> updates = cell.published("update_display_data");
        assertThat(shown).hasSize(1);
        String id = shown.get(0).content().path("transient").path("display_id").asText();
        assertThat(id).isNotEmpty();
        assertThat(updates).isNotEmpty();
        Message last = updates.get(updates.size() - 1);
        assertThat(last.content().path("transient").path("display_id").asText()).isEqualTo(id);
        JsonNode data = last.content().path("data");
        assertThat(data.has("image/png")).isTrue();
        JsonNode values = data.path("application/vnd.vegalite.v5+json").path("data").path("values");
        assertThat(values.size()).isBetween(1000, 2000);
        assertThat(values.get(0).path("step").asLong()).isEqualTo(0);
        assertThat(values.get(values.size() - 1).path("step").asLong()).isEqualTo(4999);
        assertThat(data.path("text/plain").asText()).contains("1 curve");
    }

    @Test
    void trackMagicsReturnResultsThatRenderAsHtmlTablesWithInlineCharts() {
        JsonNode runs = resultData(ok("%track runs"));
        Exchange compared = ok("%track compare slow fast --metric loss");
        JsonNode best = resultData(ok("%track best loss --min"));
        JsonNode show = resultData(ok("%track show fast"));

        assertThat(runs.path("text/html").asText()).contains("<table").contains("class=\"lb-runs\"")
                .contains(">slow <code").contains(">fast <code");
        // The comparison is its table, then one output per chart; confirmations and results get no Out[n].
        assertThat(compared.published("execute_result")).isEmpty();
        List<Message> outputs = compared.published("display_data");
        // The table, the loss curves, and the params view of the two runs (lr differs).
        assertThat(outputs).hasSize(3);
        assertThat(outputs.get(2).content().path("data").path("text/plain").asText()).startsWith("Chart: params");
        JsonNode table = outputs.get(0).content().path("data");
        assertThat(table.path("text/html").asText()).contains("<table").contains("class=\"lb-comparison\"")
                .doesNotContain("<img");
        assertThat(table.path("text/plain").asText()).contains("slow").contains("fast");
        JsonNode chart = outputs.get(1).content().path("data");
        assertThat(chart.path("image/png").asText()).isNotEmpty();
        assertThat(chart.path("image/svg+xml").asText()).contains("<svg");
        JsonNode spec = chart.path("application/vnd.vegalite.v5+json");
        assertThat(spec.path("mark").path("tooltip").asBoolean()).isTrue();
        assertThat(spec.path("encoding").path("tooltip").findValuesAsText("field")).contains("run", "step", "value");
        assertThat(spec.path("params").get(0).path("bind").asText()).isEqualTo("legend");
        assertThat(spec.path("data").path("values").findValuesAsText("run")).contains("slow", "fast");
        assertThat(chart.path("text/plain").asText()).startsWith("Chart: loss");
        assertThat(best.path("text/html").asText()).contains("<table")
                .contains("Best run by lowest loss: <b>slow</b>");
        assertThat(show.path("text/html").asText()).contains("<table").contains("fast");
        assertThat(runs.path("text/plain").asText()).contains("slow").contains("fast");
        assertThat(runs.path("text/html").asText()).doesNotContain("loss min");
        assertThat(resultData(ok("%track runs --min-max")).path("text/html").asText())
                .containsSubsequence("loss \u2193", "loss min", "loss max");
    }

    @Test
    void trackConfirmationsArePrintedNotResults() {
        Exchange store = ok("%track store");

        assertThat(store.published("execute_result")).isEmpty();
        assertThat(KernelHarness.stdout(store)).contains(storeDir.toString()).endsWith("\n");
    }
}
