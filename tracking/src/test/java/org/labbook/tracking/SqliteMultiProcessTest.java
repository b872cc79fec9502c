package org.labbook.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/** The multi-process contract on the embedded store: eight JVMs on one SQLite file. */
class SqliteMultiProcessTest extends MultiProcessContract {

    @Override
    protected String newStoreUri(Path tempDir, String name) {
        return "sqlite:" + tempDir.resolve(name);
    }

    @Override
    protected void assertOneSchema(String storeUri) throws Exception {
        Path folder = StoreLocation.parse(storeUri, "test", tempDir).directory();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("labbook.db"));
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT version), max(version) FROM schema_version")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(rs.getInt(2)).isEqualTo(rs.getInt(3)).isPositive();
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'runs'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }
}
