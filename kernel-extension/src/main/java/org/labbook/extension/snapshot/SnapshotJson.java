package org.labbook.extension.snapshot;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON for cell records and notebooks. Output is deterministic: object keys sorted, one-space indent and a
 * trailing newline as Jupyter writes notebooks, so that equal content gives equal bytes and is stored once.
 */
final class SnapshotJson {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(JsonNodeFeature.WRITE_PROPERTIES_SORTED, true)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN, true);

    private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter(
            Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter(" ", "\n"))
            .withArrayIndenter(new DefaultIndenter(" ", "\n"));

    private SnapshotJson() {
    }

    static byte[] bytes(JsonNode node) {
        try {
            byte[] json = MAPPER.writer(PRINTER).writeValueAsBytes(node);
            byte[] withNewline = java.util.Arrays.copyOf(json, json.length + 1);
            withNewline[json.length] = '\n';
            return withNewline;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
    }

    /** One line per node, compact, each ending in a newline: JSON Lines. */
    static byte[] lines(List<? extends JsonNode> nodes) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            for (JsonNode node : nodes) {
                out.write(MAPPER.writeValueAsBytes(node));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
        return out.toByteArray();
    }

    /** Reads what {@link #lines} wrote; blank lines are skipped. */
    static List<JsonNode> parseLines(byte[] jsonLines) {
        List<JsonNode> nodes = new java.util.ArrayList<>();
        for (String line : new String(jsonLines, java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                nodes.add(parse(line.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
        }
        return nodes;
    }

    static JsonNode parse(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
    }

    // ---- cell records ----

    static ObjectNode cell(CellRecord cell) {
        ObjectNode node = NODES.objectNode();
        node.put("cellId", cell.cellId());
        node.put("executionCount", cell.executionCount());
        node.put("silent", cell.silent());
        node.put("source", cell.source());
        node.put("start", cell.start().toString());
        node.put("durationMs", cell.duration().toNanos() / 1_000_000.0);
        ObjectNode outcome = node.putObject("outcome");
        outcome.put("kind", cell.outcome().kind().name().toLowerCase(java.util.Locale.ROOT));
        if (cell.outcome().kind() == Outcome.Kind.ERROR) {
            outcome.put("ename", cell.outcome().ename());
            outcome.put("evalue", cell.outcome().evalue());
            ArrayNode traceback = outcome.putArray("traceback");
            cell.outcome().traceback().forEach(traceback::add);
        }
        node.put("stdout", cell.stdout());
        node.put("stderr", cell.stderr());
        cell.result().ifPresent(result -> node.set("result", bundle(result)));
        ArrayNode displays = node.putArray("displays");
        cell.displays().forEach(display -> displays.add(bundle(display)));
        ObjectNode state = node.putObject("state");
        ArrayNode variables = state.putArray("variables");
        cell.state().variables().forEach(v -> variables.addObject().put("name", v.name()).put("type", v.type())
                .put("summary", v.summary()));
        strings(state.putArray("imports"), cell.state().imports());
        strings(state.putArray("methods"), cell.state().methods());
        strings(state.putArray("types"), cell.state().types());
        ArrayNode classpath = state.putArray("classpath");
        cell.state().classpath().forEach(entry -> {
            ObjectNode item = classpath.addObject().put("path", entry.path()).put("addedBy", entry.addedBy());
            entry.maven().ifPresent(maven -> item.put("maven", maven));
        });
        return node;
    }

    static CellRecord cell(JsonNode node) {
        JsonNode outcomeNode = node.path("outcome");
        Outcome.Kind kind = Outcome.Kind.valueOf(outcomeNode.path("kind").asText("ok").toUpperCase(java.util.Locale.ROOT));
        Outcome outcome = new Outcome(kind, outcomeNode.path("ename").asText(""), outcomeNode.path("evalue").asText(""),
                strings(outcomeNode.path("traceback")));
        List<OutputBundle> displays = new ArrayList<>();
        node.path("displays").forEach(display -> displays.add(bundle(display)));
        JsonNode state = node.path("state");
        List<VariableRecord> variables = new ArrayList<>();
        state.path("variables").forEach(v -> variables.add(new VariableRecord(v.path("name").asText(),
                v.path("type").asText(), v.path("summary").asText())));
        List<ClasspathAddition> classpath = new ArrayList<>();
        state.path("classpath").forEach(c -> classpath.add(new ClasspathAddition(c.path("path").asText(),
                c.hasNonNull("maven") ? Optional.of(c.get("maven").asText()) : Optional.empty(),
                c.path("addedBy").asText())));
        return new CellRecord(
                node.path("cellId").asText(),
                node.path("executionCount").asInt(),
                node.path("silent").asBoolean(false),
                node.path("source").asText(""),
                Instant.parse(node.path("start").asText("1970-01-01T00:00:00Z")),
                Duration.ofNanos(Math.round(node.path("durationMs").asDouble(0) * 1_000_000)),
                outcome,
                node.path("stdout").asText(""),
                node.path("stderr").asText(""),
                node.hasNonNull("result") ? Optional.of(bundle(node.get("result"))) : Optional.empty(),
                displays,
                new StateChanges(variables, strings(state.path("imports")), strings(state.path("methods")),
                        strings(state.path("types")), classpath));
    }

    static ObjectNode bundle(OutputBundle bundle) {
        ObjectNode node = NODES.objectNode();
        node.set("data", tree(bundle.data()));
        node.set("metadata", tree(bundle.metadata()));
        ObjectNode blobs = node.putObject("blobs");
        bundle.blobs().forEach((mime, ref) -> blobs.putObject(mime).put("sha256", ref.sha256()).put("size", ref.size()));
        return node;
    }

    static OutputBundle bundle(JsonNode node) {
        Map<String, BlobRef> blobs = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.path("blobs").properties()) {
            blobs.put(field.getKey(), new BlobRef(field.getKey(), field.getValue().path("sha256").asText(),
                    field.getValue().path("size").asLong()));
        }
        return new OutputBundle(tree(node.path("data")), tree(node.path("metadata")), blobs);
    }

    /**
     * A JSON node for a tree of Maps, Lists, Strings, numbers and booleans; anything else becomes its text.
     * Written out by hand because Jackson's general conversion costs more than the rest of a snapshot.
     */
    static JsonNode tree(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            // JSON has no NaN or infinity; their text keeps the information.
            return Double.isFinite(number) ? NODES.numberNode(number) : NODES.textNode(String.valueOf(number));
        }
        if (value instanceof java.math.BigDecimal decimal) {
            return NODES.numberNode(decimal);
        }
        if (value instanceof java.math.BigInteger integer) {
            return NODES.numberNode(integer);
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = NODES.objectNode();
            map.forEach((key, item) -> node.set(String.valueOf(key), tree(item)));
            return node;
        }
        if (value instanceof List<?> list) {
            ArrayNode node = NODES.arrayNode();
            list.forEach(item -> node.add(tree(item)));
            return node;
        }
        return NODES.textNode(value.toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tree(JsonNode node) {
        return node.isObject() ? MAPPER.convertValue(node, Map.class) : Map.of();
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.asText()));
        return out;
    }

    /** nbformat's multiline string: a list of lines, each but the last ending in a newline. */
    static ArrayNode lines(String text) {
        ArrayNode array = NODES.arrayNode();
        int from = 0;
        while (from < text.length()) {
            int newline = text.indexOf('\n', from);
            int to = newline < 0 ? text.length() : newline + 1;
            array.add(text.substring(from, to));
            from = to;
        }
        return array;
    }

    /** Reads nbformat's multiline string, which may be a string or a list of lines. */
    static String joined(JsonNode node) {
        if (node.isArray()) {
            StringBuilder out = new StringBuilder();
            node.forEach(line -> out.append(line.asText()));
            return out.toString();
        }
        return node.asText("");
    }
}
