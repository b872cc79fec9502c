package org.labbook.kernel.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.labbook.kernel.engine.Completion;
import org.labbook.kernel.engine.Evaluator;
import org.labbook.kernel.engine.Inspection;
import org.labbook.kernel.engine.IsComplete;

/**
 * complete, inspect and is_complete replies. Cursor positions on the wire count code points and are converted
 * to Java string indices here, so the evaluator only ever sees UTF-16 indices.
 */
final class IntrospectionReplies {
    private final Evaluator evaluator;

    IntrospectionReplies(Evaluator evaluator) {
        this.evaluator = evaluator;
    }

    ObjectNode complete(JsonNode content) {
        String code = content.path("code").asText("");
        int cursor = cursor(content, code);
        Completion completion = evaluator.complete(code, cursor);
        ObjectNode reply = Replies.ok();
        ArrayNode matches = reply.putArray("matches");
        completion.matches().forEach(matches::add);
        reply.put("cursor_start", CodePoints.fromUtf16(code, completion.cursorStart()));
        reply.put("cursor_end", CodePoints.fromUtf16(code, completion.cursorEnd()));
        reply.putObject("metadata");
        return reply;
    }

    ObjectNode inspect(JsonNode content) {
        String code = content.path("code").asText("");
        Inspection inspection = evaluator.inspect(code, cursor(content, code), content.path("detail_level").asInt(0));
        ObjectNode reply = Replies.ok();
        reply.put("found", inspection.found().isPresent());
        ObjectNode bundle = inspection.found().map(Bundles::toJson).orElseGet(() -> {
            ObjectNode empty = Json.object();
            empty.putObject("data");
            empty.putObject("metadata");
            return empty;
        });
        reply.setAll(bundle);
        return reply;
    }

    ObjectNode isComplete(JsonNode content) {
        IsComplete answer = evaluator.isComplete(content.path("code").asText(""));
        ObjectNode reply = Json.object();
        reply.put("status", answer.status());
        if (answer.status().equals("incomplete")) {
            reply.put("indent", answer.indent() == null ? "" : answer.indent());
        }
        return reply;
    }

    private static int cursor(JsonNode content, String code) {
        JsonNode pos = content.path("cursor_pos");
        return pos.canConvertToInt() ? CodePoints.toUtf16(code, pos.asInt()) : code.length();
    }

}
