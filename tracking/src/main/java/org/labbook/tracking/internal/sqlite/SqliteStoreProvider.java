package org.labbook.tracking.internal.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.labbook.tracking.StoreException;
import org.labbook.tracking.StoreLocation;
import org.labbook.tracking.internal.ArtifactFolder;
import org.labbook.tracking.internal.jdbc.JdbcRunStore;
import org.labbook.tracking.spi.RunStore;
import org.labbook.tracking.spi.StoreProvider;

/**
 * The embedded store: {@code labbook.db} (SQLite, WAL) and a content-addressed {@code artifacts/}
 * folder in one folder, shared by every process on the machine. Found by {@link java.util.ServiceLoader}.
 */
public final class SqliteStoreProvider implements StoreProvider {

    @Override
    public Set<String> schemes() {
        return Set.of(StoreLocation.SQLITE);
    }

    @Override
    public String displayName() {
        return "SQLite";
    }

    @Override
    public RunStore open(StoreLocation location, Duration crashTimeout) {
        Path directory = location.directory();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StoreException("Cannot create the store folder " + directory + ": " + e.getMessage()
                    + ". Choose a writable folder with LABBOOK_STORE.", e);
        }
        SqliteTransactor transactor = new SqliteTransactor(directory.resolve("labbook.db"));
        try {
            JdbcRunStore store = JdbcRunStore.open(location, crashTimeout, new SqliteDialect(), transactor,
                    new ArtifactFolder(directory.resolve("artifacts")));
            transactor.optimize(true);
            return store;
        } catch (RuntimeException | Error e) {
            transactor.close();
            throw e;
        }
    }
}
