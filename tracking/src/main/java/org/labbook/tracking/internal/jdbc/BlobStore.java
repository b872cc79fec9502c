package org.labbook.tracking.internal.jdbc;

import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where artifact content lives, addressed by SHA-256: a folder beside the embedded store, or the
 * database or a shared folder for a server store. The run's artifact records stay in the database.
 */
public interface BlobStore {

    /** What {@link #put} stored. */
    record Stored(String sha256, long size) {
    }

    /** Stores the stream's bytes once per distinct content; returns only once they are safely stored. */
    Stored put(InputStream content);

    /** Reads content, checked against its digest and size. */
    byte[] read(String sha256, long size);

    /** Copies content to {@code target}, checked against its digest; returns the target. */
    Path export(String sha256, long size, Path target);
}
