package org.labbook.tracking.sweep;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.labbook.tracking.StoreException;

/**
 * A configuration as the store keeps it: a JSON object of parameter values. Read back through the space,
 * so each value has its dimension's type (double for float ranges, long for int ranges, the choice's own
 * value for choices).
 */
final class Configs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Configs() {
    }

    static String encode(Map<String, Object> config) {
        ObjectNode node = JSON.createObjectNode();
        config.forEach((name, value) -> {
            if (value instanceof Double d) {
                node.put(name, d);
            } else if (value instanceof Long l) {
                node.put(name, l);
            } else if (value instanceof Boolean b) {
                node.put(name, b);
            } else {
                node.put(name, String.valueOf(value));
            }
        });
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> decode(Space space, String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new StoreException("A stored trial configuration is not JSON: " + e.getOriginalMessage(), e);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        for (Dimension d : space.dimensions()) {
            JsonNode v = node.get(d.name());
            if (v == null || v.isNull()) {
                throw new StoreException("A stored trial configuration lacks the parameter '" + d.name() + "'.");
            }
            Object value;
            if (d instanceof Dimension.FloatRange) {
                value = v.asDouble();
            } else if (d instanceof Dimension.IntRange) {
                value = v.asLong();
            } else if (v.isBoolean()) {
                value = v.asBoolean();
            } else if (v.isIntegralNumber()) {
                value = v.asLong();
            } else if (v.isNumber()) {
                value = v.asDouble();
            } else {
                value = v.asText();
            }
            config.put(d.name(), value);
        }
        return config;
    }
}
