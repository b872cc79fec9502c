package org.labbook.extension.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders for Vega-Lite v5 specs as JSON trees (maps and lists), which the kernel serialises. */
final class VegaLite {
    static final String SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

    private VegaLite() {
    }

    static Map<String, Object> spec(String title, int width, int height, List<Map<String, Object>> values) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("$schema", SCHEMA);
        spec.put("title", title);
        spec.put("width", width);
        spec.put("height", height);
        spec.put("data", Map.of("values", values));
        return spec;
    }

    /** An ordered map literal: {@code map("field", "run", "type", "nominal")}. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** A field reference; the name is escaped because Vega-Lite reads "." and "[" in it as a path into the datum. */
    static Map<String, Object> field(String name, String type, String title) {
        return map("field", escapeField(name), "type", type, "title", title);
    }

    static String escapeField(String name) {
        return name.replace("\\", "\\\\").replace(".", "\\.").replace("[", "\\[").replace("]", "\\]");
    }

    static List<Object> list(Object... items) {
        return new ArrayList<>(List.of(items));
    }

    /** JSON has no NaN or infinity: such numbers go out as null, which Vega-Lite treats as missing. */
    static Object number(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
