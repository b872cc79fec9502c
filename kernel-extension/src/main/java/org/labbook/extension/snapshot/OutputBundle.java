package org.labbook.extension.snapshot;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A display or result as recorded: text and JSON representations inline (capped), binary ones as
 * references to blobs stored once.
 *
 * @param data     MIME type to a String, or to a JSON-like tree (Maps, Lists, numbers, booleans) for JSON types
 * @param metadata the bundle's metadata, same value kinds
 * @param blobs    MIME type to the stored blob, for binary types (not also in {@code data})
 */
public record OutputBundle(Map<String, Object> data, Map<String, Object> metadata, Map<String, BlobRef> blobs) {
    public OutputBundle {
        data = Collections.unmodifiableMap(new TreeMap<>(data));
        metadata = Collections.unmodifiableMap(new TreeMap<>(metadata));
        blobs = Collections.unmodifiableMap(new TreeMap<>(blobs));
    }

    /** The text/plain representation, or "" when there is none. */
    public String plainText() {
        Object text = data.get("text/plain");
        return text instanceof String s ? s : "";
    }
}
