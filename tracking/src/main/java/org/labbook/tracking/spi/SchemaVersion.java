package org.labbook.tracking.spi;

/**
 * A store's schema version as {@link RunStore#schemaVersion()} reports it.
 *
 * @param found the version the store had when it was opened, 0 for an empty database
 * @param current the version it is at now, after any migration
 */
public record SchemaVersion(int found, int current) {
    public SchemaVersion {
        if (found < 0 || current < found) {
            throw new IllegalArgumentException("schema versions must satisfy 0 <= found <= current: " + found + ", " + current);
        }
    }

    /** Whether opening the store created or migrated its schema. */
    public boolean migrated() {
        return current > found;
    }
}
