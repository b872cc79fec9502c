package org.labbook.tracking.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labbook.tracking.Run;
import org.labbook.tracking.RunStoreContract;

/** The contract suite on a real PostgreSQL, each test in a schema of its own, plus what only this store has. */
class PostgresRunStoreTest extends RunStoreContract {
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    /** A test that closes and reopens its store by its temp folder gets the same schema back. */
    private final Map<Path, String> stores = new ConcurrentHashMap<>();

    @Override
    protected String newStoreUri(Path tempDir) {
        return stores.computeIfAbsent(tempDir, dir -> POSTGRES.newSchema());
    }

    @Test
    void storeLivesInTheSchemaItsUriNamesWithMetricPointsInChunks() throws SQLException {
        try (Run run = tracker.start("e", "r")) {
            for (int i = 0; i < 20_000; i++) {
                run.metric("loss", i, i);
            }
        }
        String uri = newStoreUri(tempDir);
        try (Connection c = POSTGRES.admin(PostgresServer.databaseOf(uri));
             PreparedStatement select = c.prepareStatement("SELECT count(*), sum(count) FROM " + PostgresServer.schemaOf(uri)
                     + ".metric_chunks");
             ResultSet rs = select.executeQuery()) {
            rs.next();
            assertThat(rs.getLong(2)).isEqualTo(20_000);
            assertThat(rs.getLong(1)).isLessThan(20);
        }
        try (Connection c = POSTGRES.admin(PostgresServer.databaseOf(uri));
             PreparedStatement select = c.prepareStatement(
                     "SELECT count(*) FROM information_schema.tables WHERE table_name = 'runs' AND table_schema = 'public'");
             ResultSet rs = select.executeQuery()) {
            rs.next();
            assertThat(rs.getInt(1)).as("nothing outside the store's schema").isZero();
        }
    }
}
