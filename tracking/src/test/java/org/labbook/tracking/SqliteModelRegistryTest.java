package org.labbook.tracking;

import java.nio.file.Path;

/** The model registry contract on the embedded store. */
class SqliteModelRegistryTest extends ModelRegistryContract {

    @Override
    protected String newStoreUri(Path tempDir) {
        return "sqlite:" + tempDir.resolve("store");
    }
}
