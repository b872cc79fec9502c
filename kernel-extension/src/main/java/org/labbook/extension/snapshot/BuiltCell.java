package org.labbook.extension.snapshot;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A cell record and the binary outputs it refers to, decoded, to be stored once each.
 *
 * @param record the record
 * @param blobs  SHA-256 to the decoded bytes of every blob the record refers to
 */
public record BuiltCell(CellRecord record, Map<String, byte[]> blobs) {
    public BuiltCell {
        blobs = Collections.unmodifiableMap(new TreeMap<>(blobs));
    }
}
