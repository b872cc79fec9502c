package org.labbook.kernel.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.labbook.kernel.api.MimeBundle;

/** MIME bundles as the {@code data} and {@code metadata} of display messages. */
final class Bundles {
    private Bundles() {
    }

    static ObjectNode toJson(MimeBundle bundle) {
        ObjectNode content = Json.object();
        content.set("data", Json.MAPPER.valueToTree(bundle.data()));
        content.set("metadata", Json.MAPPER.valueToTree(bundle.metadata()));
        return content;
    }
}
