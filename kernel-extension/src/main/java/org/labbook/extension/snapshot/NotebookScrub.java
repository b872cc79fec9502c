package org.labbook.extension.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.labbook.tracking.redact.Scrubber;

/**
 * A notebook file scrubbed before it is copied into the store: every cell source with the source rules
 * (so the code still reads as code), every other string (outputs of every MIME type, errors, metadata) with
 * the output rules. A source or output kept as a list of lines is scrubbed as one text, so that a secret
 * spanning lines (a PEM key) is found, and written back as that one text, which nbformat allows.
 *
 * <p>A file with nothing to hide is copied byte for byte. Fails safe: a file that is not JSON is scrubbed as
 * plain text; one that is not UTF-8 is not copied.
 */
public final class NotebookScrub {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NotebookScrub() {
    }

    /** The scrubbed bytes to store, or empty when the file cannot be read as text at all. */
    public static Optional<byte[]> scrub(byte[] file, Scrubber scrubber) {
        byte[] checked = scrubber.valuesInUtf8(file);
        if (checked.length == 0 && file.length > 0) {
            return Optional.empty();
        }
        String text = new String(checked, StandardCharsets.UTF_8);
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (IOException e) {
            tree = null;
        }
        if (tree == null || !tree.isContainerNode()) {
            return Optional.of(scrubber.source(text).getBytes(StandardCharsets.UTF_8));
        }
        try {
            JsonNode scrubbed = walk(tree, "", scrubber);
            if (scrubbed.equals(tree)) {
                return Optional.of(checked); // nothing to hide: the file's own bytes, as it was
            }
            return Optional.of(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(scrubbed));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static JsonNode walk(JsonNode node, String field, Scrubber scrubber) {
        if (node.isTextual()) {
            String text = node.asText();
            String out = scrub(text, field, scrubber);
            return out.equals(text) ? node : TextNode.valueOf(out);
        }
        if (node.isArray()) {
            if (node.size() > 0 && allText(node)) {
                StringBuilder joined = new StringBuilder();
                node.forEach(line -> joined.append(line.asText()));
                String text = joined.toString();
                String out = scrub(text, field, scrubber);
                // Lines stay lines unless something in them had to go.
                return out.equals(text) ? node : TextNode.valueOf(out);
            }
            ArrayNode out = JSON.createArrayNode();
            node.forEach(element -> out.add(walk(element, field, scrubber)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                out.set(entry.getKey(), walk(entry.getValue(), entry.getKey(), scrubber));
            }
            return out;
        }
        return node;
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static String scrub(String text, String field, Scrubber scrubber) {
        return field.equals("source") ? scrubber.source(text) : scrubber.text(text);
    }
}
