package org.labbook.tracking;

import java.nio.file.Path;

/** Numbered batches and metric orders on the embedded store. */
class SqliteNumberedWritesTest extends NumberedWritesContract {

    @Override
    protected String newStoreUri(Path tempDir) {
        return "sqlite:" + tempDir.resolve("store");
    }
}
