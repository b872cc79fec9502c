package org.labbook.kernel.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code data} and {@code metadata} of a display_data or execute_result message.
 * Values are Strings (text, base64 for binary types) or JSON-like trees (Maps, Lists, numbers) for JSON types.
 */
public record MimeBundle(Map<String, Object> data, Map<String, Object> metadata) {
    public MimeBundle {
        Objects.requireNonNull(data, "data");
        data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
        metadata = metadata == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    public static MimeBundle of(Map<String, Object> data) {
        return new MimeBundle(data, Map.of());
    }

    public static MimeBundle text(String text) {
        return of(Map.of("text/plain", text));
    }

    /** The text/plain representation, or empty if there is none. */
    public String plainText() {
        Object t = data.get("text/plain");
        return t == null ? "" : t.toString();
    }
}
