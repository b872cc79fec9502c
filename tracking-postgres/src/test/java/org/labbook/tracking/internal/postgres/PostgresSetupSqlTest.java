package org.labbook.tracking.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.tracking.Run;
import org.labbook.tracking.StoreException;
import org.labbook.tracking.StoreLocation;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.TrackerOptions;
import org.labbook.tracking.ValidationException;
import org.labbook.tracking.internal.jdbc.Migrations;
import org.labbook.tracking.postgres.PostgresSetupSql;
import org.labbook.tracking.spi.RunStore;
import org.labbook.tracking.spi.SchemaVersion;

/**
 * The SQL a DBA runs instead of letting the first client create the store: applied over plain JDBC by
 * the superuser to an empty database, it gives the same tables a client's migration does, a store that
 * opens without migrating, a writer role that logs runs and a reader role that reads them and can write
 * nothing.
 */
class PostgresSetupSqlTest {
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();
    private static final TrackerOptions OPTIONS = TrackerOptions.defaults().withShutdownHook(false);
    private static final String PASSWORD = "role-secret";

    @TempDir
    Path home;

    @Test
    void printedSqlMakesAStoreThatOpensWithoutMigratingForAWriterAndAReadOnlyReader() throws Exception {
        String database = PostgresServer.databaseOf(POSTGRES.newDatabase());
        String reader = PostgresServer.newName("reader");
        String writer = PostgresServer.newName("writer");
        POSTGRES.execute(database, "CREATE ROLE " + reader + " LOGIN PASSWORD '" + PASSWORD + "'",
                "CREATE ROLE " + writer + " LOGIN PASSWORD '" + PASSWORD + "'");

        String sql = PostgresSetupSql.script(
                PostgresSetupSql.Options.defaults().withSchema("team").withReader(reader).withWriter(writer));
        try (Connection c = POSTGRES.admin(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }

        int latest = new Migrations(new PostgresDialect("team")).latestVersion();
        String runId;
        try (RunStore store = openAs(writer, database, "team")) {
            assertThat(store.schemaVersion()).contains(new SchemaVersion(latest, latest));
            try (Tracker tracker = Tracker.create(store, OPTIONS, false); Run run = tracker.start("fraud", "by-the-writer")) {
                runId = run.id();
                run.param("lr", 0.01);
                for (int i = 0; i < 1000; i++) {
                    run.metric("loss", 1.0 / (i + 1), i);
                }
            }
        }
        assertThat(PostgresSchemaTest.dump(POSTGRES, database, "team"))
                .as("the same tables, columns, indexes and constraints as a client's migration makes")
                .isEqualTo(PostgresSchemaTest.dump(POSTGRES, PostgresServer.databaseOf(migratedByAClient()), "public"));

        try (RunStore store = openAs(reader, database, "team"); Tracker tracker = Tracker.create(store, OPTIONS, false)) {
            assertThat(tracker.details(runId).params()).containsEntry("lr", "0.01");
            assertThat(tracker.history(runId, "loss")).hasSize(1000);
            assertThatThrownBy(() -> tracker.start("fraud", "by-the-reader")).isInstanceOf(StoreException.class)
                    .hasMessageContaining("read-only for user '" + reader + "'")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain(PASSWORD));
        }
    }

    @Test
    void withoutASchemaTheStoreGoesToPublicAndOnlyTheMigrationsAndVersionsArePrinted() throws Exception {
        String sql = PostgresSetupSql.script();
        assertThat(sql).doesNotContain("GRANT").doesNotContain("CREATE SCHEMA").doesNotContain("search_path")
                .contains("INSERT INTO schema_version (version, applied_at) VALUES (1,");
        String database = PostgresServer.databaseOf(POSTGRES.newDatabase());
        try (Connection c = POSTGRES.admin(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
        try (RunStore store = openAs(PostgresServer.SUPERUSER, database, null)) {
            assertThat(store.schemaVersion()).map(SchemaVersion::migrated).contains(false);
        }
    }

    @Test
    void aNameThatIsNotPlainIsRefusedInOneLine() {
        assertThatThrownBy(() -> PostgresSetupSql.script(PostgresSetupSql.Options.defaults().withSchema("Team; DROP")))
                .isInstanceOf(ValidationException.class)
                .hasMessage("Invalid --schema 'Team; DROP': a schema name here must be a plain lower-case name (letters,"
                        + " digits and underscores, not starting with a digit or pg_, at most 63 characters), e.g."
                        + " --schema labbook.");
        assertThatThrownBy(() -> PostgresSetupSql.script(PostgresSetupSql.Options.defaults().withReader("pg_read")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("Invalid --reader 'pg_read'")
                .hasMessageContaining("--reader labbook_reader");
    }

    /** A database whose store a client created by migrating, to compare with. */
    private static String migratedByAClient() {
        String uri = POSTGRES.newDatabase();
        try (Tracker tracker = org.labbook.tracking.Labbook.open(uri, OPTIONS)) {
            assertThat(tracker.store().schemaVersion()).map(SchemaVersion::found).contains(0);
        }
        return uri;
    }

    private RunStore openAs(String role, String database, String schema) {
        String uri = "postgresql://" + role + "@127.0.0.1:" + POSTGRES.port() + "/" + database
                + (schema == null ? "" : "?schema=" + schema);
        return PostgresStoreProvider.open(StoreLocation.parse(uri, "test", home), Duration.ofSeconds(60),
                Map.of(Credentials.PASSWORD_VARIABLE, PASSWORD), home, new PrintStream(OutputStream.nullOutputStream()));
    }
}
