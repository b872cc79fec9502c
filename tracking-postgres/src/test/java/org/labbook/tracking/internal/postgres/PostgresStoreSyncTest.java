package org.labbook.tracking.internal.postgres;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.labbook.tracking.StoreSyncContract;

/** Copying an embedded store into a real PostgreSQL, each test in a schema of its own. */
class PostgresStoreSyncTest extends StoreSyncContract {
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    private final Map<Path, String> stores = new ConcurrentHashMap<>();

    @Override
    protected String newStoreUri(Path tempDir) {
        return stores.computeIfAbsent(tempDir, dir -> POSTGRES.newSchema());
    }
}
