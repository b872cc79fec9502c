package org.labbook.kernel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.labbook.kernel.protocol.Json;
import org.labbook.kernel.protocol.MessageFactory;

class NotebookOutputsTest {
    private final MessageFactory kernel = new MessageFactory("k");
    private final NotebookOutputs outputs = new NotebookOutputs();

    private void add(String type, ObjectNode content) {
        outputs.add(kernel.publish(null, type, content));
    }

    private static ObjectNode stream(String name, String text) {
        return Json.object().put("name", name).put("text", text);
    }

    private static ObjectNode display(String text, String id) {
        ObjectNode content = Json.object();
        content.putObject("data").put("text/plain", text);
        content.putObject("metadata");
        content.putObject("transient").put("display_id", id);
        return content;
    }

    @Test
    void consecutiveStreamTextOfOneNameMerges() {
        add("stream", stream("stdout", "a"));
        add("stream", stream("stdout", "b\n"));
        add("stream", stream("stderr", "c"));

        JsonNode json = outputs.toJson();
        assertThat(json.size()).isEqualTo(2);
        assertThat(json.get(0).path("text").asText()).isEqualTo("ab\n");
        assertThat(json.get(1).path("name").asText()).isEqualTo("stderr");
    }

    @Test
    void updateDisplayDataRedrawsTheOutputWithItsDisplayId() {
        add("display_data", display("epoch 1", "curve"));
        add("update_display_data", display("epoch 2", "curve"));

        JsonNode json = outputs.toJson();
        assertThat(json.size()).isEqualTo(1);
        assertThat(json.get(0).path("data").path("text/plain").asText()).isEqualTo("epoch 2");
        assertThat(json.get(0).has("transient")).isFalse();
    }

    @Test
    void clearOutputWithWaitClearsWhenTheNextOutputArrives() {
        add("stream", stream("stdout", "old"));
        add("clear_output", Json.object().put("wait", true));
        assertThat(outputs.toJson().size()).isEqualTo(1);

        add("stream", stream("stdout", "new"));

        assertThat(outputs.toJson().size()).isEqualTo(1);
        assertThat(outputs.toJson().get(0).path("text").asText()).isEqualTo("new");
    }

    @Test
    void statusAndExecuteInputAreNotOutputs() {
        add("status", Json.object().put("execution_state", "busy"));
        add("execute_input", Json.object().put("code", "1"));

        assertThat(outputs.toJson().size()).isZero();
    }

    @Test
    void errorBecomesAnErrorOutput() {
        ObjectNode error = Json.object().put("ename", "E").put("evalue", "v");
        error.putArray("traceback").add("line");

        add("error", error);

        assertThat(outputs.toJson().get(0).path("output_type").asText()).isEqualTo("error");
        assertThat(outputs.toJson().get(0).path("traceback").get(0).asText()).isEqualTo("line");
    }
}
