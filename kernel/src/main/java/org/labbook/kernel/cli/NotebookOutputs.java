package org.labbook.kernel.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.labbook.kernel.protocol.Json;
import org.labbook.kernel.protocol.Message;

/**
 * A cell's outputs in nbformat, built from its iopub messages the way Jupyter front ends do: consecutive
 * stream text of one name merges, update_display_data redraws earlier outputs with its display id, and
 * clear_output empties the list (with wait, when the next output arrives).
 */
final class NotebookOutputs {
    private record Output(ObjectNode json, String displayId) {
    }

    private final List<Output> outputs = new ArrayList<>();
    private boolean clearPending;

    void add(Message message) {
        ObjectNode content = message.content();
        switch (message.msgType()) {
            case "stream" -> {
                clearIfPending();
                String name = content.path("name").asText("stdout");
                String text = content.path("text").asText("");
                Output last = outputs.isEmpty() ? null : outputs.get(outputs.size() - 1);
                if (last != null && last.json().path("output_type").asText().equals("stream")
                        && last.json().path("name").asText().equals(name)) {
                    last.json().put("text", last.json().path("text").asText() + text);
                } else {
                    ObjectNode stream = Json.object();
                    stream.put("output_type", "stream");
                    stream.put("name", name);
                    stream.put("text", text);
                    outputs.add(new Output(stream, null));
                }
            }
            case "display_data", "execute_result" -> {
                clearIfPending();
                ObjectNode output = Json.object();
                output.put("output_type", message.msgType());
                if (message.msgType().equals("execute_result")) {
                    output.set("execution_count", content.get("execution_count"));
                }
                output.set("data", content.path("data").deepCopy());
                output.set("metadata", content.has("metadata") ? content.get("metadata").deepCopy() : Json.object());
                outputs.add(new Output(output, content.path("transient").path("display_id").textValue()));
            }
            case "update_display_data" -> {
                String id = content.path("transient").path("display_id").textValue();
                for (Output o : outputs) {
                    if (id != null && id.equals(o.displayId())) {
                        o.json().set("data", content.path("data").deepCopy());
                        o.json().set("metadata", content.path("metadata").deepCopy());
                    }
                }
            }
            case "error" -> {
                clearIfPending();
                ObjectNode error = Json.object();
                error.put("output_type", "error");
                error.put("ename", content.path("ename").asText());
                error.put("evalue", content.path("evalue").asText());
                error.set("traceback", content.path("traceback").isArray() ? content.get("traceback")
                        : Json.array());
                outputs.add(new Output(error, null));
            }
            case "clear_output" -> {
                if (content.path("wait").asBoolean(false)) {
                    clearPending = true;
                } else {
                    outputs.clear();
                }
            }
            default -> {
                // status, execute_input and comm messages are not outputs.
            }
        }
    }

    ArrayNode toJson() {
        ArrayNode array = Json.array();
        outputs.forEach(o -> array.add(o.json()));
        return array;
    }

    private void clearIfPending() {
        if (clearPending) {
            outputs.clear();
            clearPending = false;
        }
    }
}
