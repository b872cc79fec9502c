package org.labbook.tracking.sweep;

import java.nio.file.Path;

/** Sweeps on the embedded store: one SQLite file shared by the worker processes. */
class SqliteSweepTest extends SweepContract {

    @Override
    protected String newStoreUri(Path tempDir, String name) {
        return "sqlite:" + tempDir.resolve(name);
    }
}
