package org.labbook.extension.snapshot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** Copies JSON-like trees (Maps, Lists, Strings, numbers, booleans) into immutable ones, within a size budget. */
final class JsonTrees {

    record Copy(Object value, boolean complete) {
    }

    private JsonTrees() {
    }

    /**
     * An immutable copy with map keys sorted (so that equal trees serialize to equal bytes) and strings passed
     * through {@code text}; incomplete when the tree's text would exceed {@code budget} characters. Values of
     * other types become their {@code toString()}.
     */
    static Copy copy(Object tree, int budget, UnaryOperator<String> text) {
        int[] remaining = {budget};
        Object value = copy(tree, remaining, text, 0);
        return new Copy(value, remaining[0] >= 0);
    }

    private static Object copy(Object node, int[] remaining, UnaryOperator<String> text, int depth) {
        if (remaining[0] < 0 || depth > 64) {
            remaining[0] = -1;
            return null;
        }
        if (node == null || node instanceof Boolean) {
            remaining[0] -= 5;
            return node;
        }
        if (node instanceof Number number) {
            remaining[0] -= 12;
            return number;
        }
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                remaining[0] -= key.length() + 4;
                out.put(key, copy(entry.getValue(), remaining, text, depth + 1));
                if (remaining[0] < 0) {
                    return null;
                }
            }
            return Collections.unmodifiableMap(out);
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(copy(item, remaining, text, depth + 1));
                if (remaining[0] < 0) {
                    return null;
                }
            }
            return Collections.unmodifiableList(out);
        }
        String string = node.toString();
        remaining[0] -= string.length() + 2;
        return remaining[0] < 0 ? null : text.apply(string);
    }
}
