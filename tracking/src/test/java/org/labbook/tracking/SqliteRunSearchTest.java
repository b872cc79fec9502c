package org.labbook.tracking;

import java.nio.file.Path;

/** The search contract on the embedded store. */
class SqliteRunSearchTest extends RunSearchContract {

    @Override
    protected String newStoreUri(Path tempDir) {
        return "sqlite:" + tempDir.resolve("store");
    }
}
