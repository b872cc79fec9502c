package org.labbook.kernel.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.labbook.kernel.api.CellOutcome;

/** The content shapes every reply shares: status "ok", or status "error" with ename, evalue and traceback. */
final class Replies {
    private Replies() {
    }

    static ObjectNode ok() {
        ObjectNode content = Json.object();
        content.put("status", "ok");
        return content;
    }

    static ObjectNode errorFields(CellOutcome.Error error) {
        ObjectNode content = Json.object();
        content.put("ename", error.ename());
        content.put("evalue", error.evalue());
        ArrayNode traceback = content.putArray("traceback");
        error.traceback().forEach(traceback::add);
        return content;
    }

    static ObjectNode error(CellOutcome.Error error) {
        ObjectNode content = Json.object();
        content.put("status", "error");
        content.setAll(errorFields(error));
        return content;
    }
}
