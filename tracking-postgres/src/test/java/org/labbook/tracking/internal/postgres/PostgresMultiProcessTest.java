package org.labbook.tracking.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labbook.tracking.MultiProcessContract;

/**
 * The multi-process contract on PostgreSQL: eight JVMs against one server, each store a new empty
 * database (no schema named), so that eight clients opening it at once meet the migration lock; and
 * sixteen, as a team's kernels and CI jobs on one server are.
 */
class PostgresMultiProcessTest extends MultiProcessContract {
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @Test
    void sixteenProcessesLoggingAtOnceLoseNothingAndSurfaceNoError() throws Exception {
        // Sixteen JVMs on a two-core machine: a write may be reported slow, and then stored.
        assertProcessesLoggingAtOnceLoseNothing(16, 20_000, 20, true);
    }

    @Override
    protected String newStoreUri(Path tempDir, String name) {
        return POSTGRES.newDatabase();
    }

    @Override
    protected void assertOneSchema(String storeUri) throws Exception {
        try (Connection c = POSTGRES.admin(PostgresServer.databaseOf(storeUri)); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT version), max(version) FROM schema_version")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(rs.getInt(2)).isEqualTo(rs.getInt(3)).isPositive();
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = 'runs'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }
}
