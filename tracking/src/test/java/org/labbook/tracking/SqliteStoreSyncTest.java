package org.labbook.tracking;

import java.nio.file.Path;

/** Copying an embedded store into another embedded store. */
class SqliteStoreSyncTest extends StoreSyncContract {

    @Override
    protected String newStoreUri(Path tempDir) {
        return "sqlite:" + tempDir.resolve("store");
    }
}
