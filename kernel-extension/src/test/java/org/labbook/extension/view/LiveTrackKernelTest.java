package org.labbook.extension.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.kernel.protocol.InProcessClient.Exchange;
import org.labbook.kernel.protocol.Message;
import org.labbook.kernel.testing.KernelHarness;

/**
 * {@code %track live} and {@code Track.live} in a real kernel: the chart is fed by {@code Track.metric} alone,
 * redraws in place while the loop runs, and draws its final frame when the cell ends.
 */
class LiveTrackKernelTest {
    /** Long enough for the chart to redraw at least once before its final frame (it redraws every 500 ms). */
    private static final int LOOP_MILLIS = 1_500;

    @TempDir
    Path storeDir;

    private KernelHarness kernel;

    @BeforeEach
    void startKernelWithARun() {
        kernel = KernelHarness.start();
        ok("%track store " + storeDir);
        ok("%track start live-run --experiment live");
    }

    @AfterEach
    void stopKernel() {
        kernel.close();
    }

    private Exchange ok(String code) {
        Exchange cell = kernel.execute(code);
        assertThat(cell.replyContent().path("status").asText())
                .as("cell %s: %s", code, cell.replyContent().path("evalue").asText()).isEqualTo("ok");
        return cell;
    }

    private static String trainingLoop() {
        return "long until = System.currentTimeMillis() + " + LOOP_MILLIS + ";\n"
                + "for (int i = 0; i < 300 || System.currentTimeMillis() < until; i++) {\n"
                + "    Track.metric(\"loss\", Math.exp(-i / 100.0), i);\n"
                + "    Track.metric(\"acc\", 1 - Math.exp(-i / 100.0), i);\n"
                + "    if (i % 50 == 0) Thread.sleep(20);\n"
                + "}";
    }

    private static void assertRedrawnInPlaceWithAFinalFrameOfLoss(Exchange cell) {
        List<Message> shown = cell.published("display_data");
        List<Message> updates = cell.published("update_display_data");
        assertThat(shown).hasSize(1);
        String id = shown.get(0).content().path("transient").path("display_id").asText();
        assertThat(id).isNotEmpty();
        assertThat(updates).as("a redraw while the loop ran, then the final frame").hasSizeGreaterThanOrEqualTo(2);
        assertThat(updates).allSatisfy(update ->
                assertThat(update.content().path("transient").path("display_id").asText()).isEqualTo(id));
        JsonNode last = updates.get(updates.size() - 1).content().path("data");
        assertThat(last.has("image/png")).isTrue();
        JsonNode values = last.path("application/vnd.vegalite.v5+json").path("data").path("values");
        assertThat(values.size()).isGreaterThanOrEqualTo(300);
        assertThat(values.get(0).path("step").asLong()).isEqualTo(0);
        assertThat(last.path("text/plain").asText()).contains("1 curve");
    }

    @Test
    void trackLiveMagicDrawsTheCurveOfPointsTheCellLogsWithTrackMetric() {
        Exchange cell = ok("%track live loss\n" + trainingLoop());

        assertRedrawnInPlaceWithAFinalFrameOfLoss(cell);
    }

    @Test
    void trackLiveFromJavaWorksLikeTheMagic() {
        Exchange cell = ok("Track.live(\"loss\");\n" + trainingLoop());

        assertRedrawnInPlaceWithAFinalFrameOfLoss(cell);
    }

    @Test
    void theChartStopsListeningWhenItsCellEnds() {
        ok("%track live loss\n" + trainingLoop());

        Exchange next = ok("for (int i = 0; i < 1000; i++) Track.metric(\"loss\", 0.5, 100_000 + i);");

        assertThat(next.published("display_data")).isEmpty();
        assertThat(next.published("update_display_data")).isEmpty();
    }

    @Test
    void trackLiveWithNoMetricIsOneLineNamingTheUsage() {
        Exchange cell = kernel.execute("%track live");

        assertThat(cell.replyContent().path("status").asText()).isEqualTo("error");
        assertThat(cell.replyContent().path("evalue").asText()).contains("%track live METRIC...")
                .doesNotContain("\n");
    }
}
