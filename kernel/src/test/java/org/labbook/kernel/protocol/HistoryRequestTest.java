package org.labbook.kernel.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.labbook.kernel.testing.KernelHarness;

class HistoryRequestTest {
    static KernelHarness kernel;

    @BeforeAll
    static void startKernel() {
        kernel = KernelHarness.start();
        kernel.execute("int a = 1;");
        kernel.execute("a + 1");
        ObjectNode unstored = KernelHarness.executeContent("a + 100");
        unstored.put("store_history", false);
        kernel.execute(unstored);
        kernel.execute("a + 1");
        kernel.execute("a * 3");
    }

    @AfterAll
    static void stopKernel() {
        kernel.close();
    }

    private static List<String> inputs(JsonNode history) {
        List<String> inputs = new ArrayList<>();
        history.forEach(entry -> inputs.add(entry.get(2).asText()));
        return inputs;
    }

    private static JsonNode history(ObjectNode request) {
        ObjectNode reply = kernel.request("history_request", request).replyContent();
        assertThat(reply.path("status").asText()).isEqualTo("ok");
        return reply.path("history");
    }

    @Test
    void tailReturnsTheLastStoredCellsAsSessionLineInputTriples() {
        JsonNode history = history(Json.object().put("hist_access_type", "tail").put("n", 2).put("output", false));

        assertThat(inputs(history)).containsExactly("a + 1", "a * 3");
        assertThat(history.get(0).get(0).asInt()).isEqualTo(1);
        assertThat(history.get(0).get(1).asInt()).isEqualTo(3);
        assertThat(history.get(1).get(1).asInt()).isEqualTo(4);
    }

    @Test
    void outputTrueGivesInputAndResultPairs() {
        JsonNode history = history(Json.object().put("hist_access_type", "tail").put("n", 1).put("output", true));

        assertThat(history.get(0).get(2).get(0).asText()).isEqualTo("a * 3");
        assertThat(history.get(0).get(2).get(1).asText()).isEqualTo("3");
    }

    @Test
    void rangeSelectsLinesFromStartBeforeStopOfTheCurrentSession() {
        JsonNode history = history(Json.object().put("hist_access_type", "range").put("session", 0)
                .put("start", 2).put("stop", 4));

        assertThat(inputs(history)).containsExactly("a + 1", "a + 1");
    }

    @Test
    void rangeWithNegativeStartCountsFromTheEnd() {
        JsonNode history = history(Json.object().put("hist_access_type", "range").put("session", 1)
                .put("start", -1));

        assertThat(inputs(history)).containsExactly("a * 3");
    }

    @Test
    void rangeOfAnEarlierSessionIsEmptyBecauseOnlyThisSessionIsKept() {
        JsonNode history = history(Json.object().put("hist_access_type", "range").put("session", -1)
                .put("start", 1));

        assertThat(history.size()).isZero();
    }

    @Test
    void searchMatchesGlobAndUniqueKeepsEachInputOnce() {
        ObjectNode search = Json.object().put("hist_access_type", "search").put("pattern", "a ?*");
        assertThat(inputs(history(search))).containsExactly("a + 1", "a + 1", "a * 3");

        search.put("unique", true);
        assertThat(inputs(history(search))).containsExactly("a + 1", "a * 3");

        ObjectNode limited = Json.object().put("hist_access_type", "search").put("pattern", "a*").put("n", 2);
        assertThat(inputs(history(limited))).containsExactly("a + 1", "a * 3");
    }

    @Test
    void unstoredCellsAreNotInHistory() {
        JsonNode history = history(Json.object().put("hist_access_type", "search").put("pattern", "*100*"));

        assertThat(history.size()).isZero();
    }
}
