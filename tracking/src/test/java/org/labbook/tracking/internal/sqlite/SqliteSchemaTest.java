package org.labbook.tracking.internal.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.StoreLocation;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.TrackerOptions;
import org.labbook.tracking.internal.jdbc.Migrations;
import org.labbook.tracking.spi.RunStore;
import org.labbook.tracking.spi.Stores;

/**
 * The embedded store's schema, as its migrations leave it, is the checked-in
 * {@code src/test/resources/schemas/sqlite.sql}: a change to a migration shows up in review as a change
 * to that file. Run with {@code -Dlabbook.schema.update=true} to rewrite it after an intended change.
 */
class SqliteSchemaTest {
    private static final Path EXPECTED = Path.of("src/test/resources/schemas/sqlite.sql");

    @TempDir
    Path tempDir;

    @Test
    void migratedSchemaIsTheCheckedInOne() throws Exception {
        try (RunStore store = Stores.open(StoreLocation.parse(tempDir.toString(), "test", tempDir), Duration.ofSeconds(60))) {
            assertThat(store.location().directory()).isEqualTo(tempDir);
        }
        String actual = dump(tempDir.resolve("labbook.db"));
        if (Boolean.getBoolean("labbook.schema.update")) {
            Files.writeString(EXPECTED, actual);
        }
        assertThat(actual).as("the schema differs from %s; if the change is intended, rerun with"
                + " -Dlabbook.schema.update=true and commit the file", EXPECTED)
                .isEqualTo(Files.readString(EXPECTED));
    }

    @Test
    void aStoreOfTheFirstSchemaIsMigratedInPlaceAndKeepsItsRuns() throws Exception {
        Path file = tempDir.resolve("labbook.db");
        Migrations migrations = new Migrations(new SqliteDialect());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
            for (String sql : migrations.statements(1)) {
                s.execute(sql);
            }
            s.execute("INSERT INTO schema_version VALUES (1, 0)");
            s.execute("INSERT INTO experiments VALUES ('e1', 'old', 0, 0)");
            s.execute("INSERT INTO runs (run_id, name, experiment_id, status, start_time, user, heartbeat)"
                    + " VALUES ('0123456789abcdef0123456789abcdef', 'kept', 'e1', 'FINISHED', 1000, 'ada', 1000)");
        }
        TrackerOptions options = TrackerOptions.defaults().withShutdownHook(false);
        try (Tracker tracker = Labbook.open(tempDir.toString(), options)) {
            RunDetails run = tracker.details("0123456789abcdef0123456789abcdef");
            assertThat(run.name()).isEqualTo("kept");
            assertThat(run.info().user()).isEqualTo("ada");
            assertThat(tracker.runs(org.labbook.tracking.RunQuery.all().filter("attributes.user = 'ada'")).runs())
                    .extracting(RunDetails::name).containsExactly("kept");
        }
        // Stores of the first release made schema_version with an INTEGER time; the rest is the same.
        assertThat(withoutSchemaVersion(dump(file))).isEqualTo(withoutSchemaVersion(Files.readString(EXPECTED)));
    }

    private static String withoutSchemaVersion(String dump) {
        return dump.replaceAll("(?s)\nCREATE TABLE schema_version \\(.*?\\);\n", "\n");
    }

    /** Tables and indexes with their SQL, in a stable order, without SQLite's own objects. */
    static String dump(Path databaseFile) throws SQLException {
        StringBuilder out = new StringBuilder("-- Schema of the embedded store after every migration (generated; see SqliteSchemaTest).\n");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + databaseFile);
             PreparedStatement select = c.prepareStatement("SELECT type, name, sql FROM sqlite_master"
                     + " WHERE name NOT LIKE 'sqlite_%' AND sql IS NOT NULL ORDER BY type DESC, name");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                out.append('\n').append(rs.getString(3).strip()).append(";\n");
            }
        }
        return out.toString();
    }
}
