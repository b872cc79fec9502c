package org.labbook.tracking.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.tracking.ArtifactRef;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.Run;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.RunQuery;
import org.labbook.tracking.StoreException;
import org.labbook.tracking.StoreLocation;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.TrackerOptions;
import org.labbook.tracking.spi.RunStore;

/**
 * A teammate given only SELECT on the store's tables (or a role whose transactions are read-only) can
 * open it and read and search everything, and a write fails in one line that says the store is
 * read-only for them and what to do.
 */
class PostgresReadOnlyRoleTest {
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();
    private static final TrackerOptions OPTIONS = TrackerOptions.defaults().withShutdownHook(false);
    private static final String PASSWORD = "reader-secret";

    @TempDir
    Path home;

    private String ownerUri;
    private String schema;
    private String runId;
    private ArtifactRef artifact;

    @BeforeEach
    void ownerLogsARun() {
        ownerUri = POSTGRES.newSchema();
        schema = PostgresServer.schemaOf(ownerUri);
        try (Tracker owner = Labbook.open(ownerUri, OPTIONS); Run run = owner.start("fraud", "baseline")) {
            runId = run.id();
            run.param("lr", 0.01);
            run.tag("team", "risk");
            for (int i = 0; i < 100; i++) {
                run.metric("loss", 1.0 / (i + 1), i);
            }
            artifact = run.artifact("weights".getBytes(StandardCharsets.UTF_8), "model.bin");
        }
    }

    @Test
    void roleWithSelectGrantsReadsAndSearchesAndAWriteFailsInOneLine() {
        String reader = createRole("GRANT USAGE ON SCHEMA " + schema + " TO %s", "GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO %s");
        try (Tracker tracker = openAs(reader, schema)) {
            RunDetails run = tracker.details(runId);
            assertThat(run.params()).containsEntry("lr", "0.01");
            assertThat(run.tags()).containsEntry("team", "risk");
            assertThat(tracker.runs(RunQuery.inExperiment("fraud").filter("metrics.loss < 0.5 and tags.team = 'risk'")).runs())
                    .extracting(RunDetails::id).containsExactly(runId);
            assertThat(tracker.history(runId, "loss")).hasSize(100);
            assertThat(tracker.readArtifact(artifact)).asString(StandardCharsets.UTF_8).isEqualTo("weights");

            assertThatThrownBy(() -> tracker.start("fraud", "mine")).isInstanceOf(StoreException.class)
                    .hasMessageContaining("is read-only for user '" + reader + "'")
                    .hasMessageContaining("permission denied")
                    .hasMessageContaining("Open it as a user who may write")
                    .satisfies(PostgresReadOnlyRoleTest::assertOneLineWithoutSqlOrPassword);
            assertThatThrownBy(() -> tracker.tag(runId, "reviewed", "yes")).isInstanceOf(StoreException.class)
                    .hasMessageContaining("read-only for user '" + reader + "'");
            assertThat(tracker.details(runId).tags()).doesNotContainKey("reviewed");
        }
    }

    @Test
    void roleWhoseTransactionsAreReadOnlyGetsTheSameLine() {
        String reader = createRole("GRANT USAGE ON SCHEMA " + schema + " TO %s",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + schema + " TO %s",
                "ALTER ROLE %s SET default_transaction_read_only = on");
        try (Tracker tracker = openAs(reader, schema)) {
            assertThat(tracker.details(runId).name()).isEqualTo("baseline");
            assertThatThrownBy(() -> tracker.note(runId, "looks good")).isInstanceOf(StoreException.class)
                    .hasMessageContaining("is read-only for user '" + reader + "'")
                    .hasMessageContaining("read-only transaction")
                    .satisfies(PostgresReadOnlyRoleTest::assertOneLineWithoutSqlOrPassword);
        }
    }

    @Test
    void readOnlyRoleCannotCreateANewStoreAndIsToldWhy() {
        String reader = createRole();
        assertThatThrownBy(() -> openAs(reader, PostgresServer.newName("empty"))).isInstanceOf(StoreException.class)
                .hasMessageContaining("Cannot create the schema")
                .hasMessageContaining("read-only for user '" + reader + "'")
                .satisfies(PostgresReadOnlyRoleTest::assertOneLineWithoutSqlOrPassword);
    }

    /** A role that logs in with {@link #PASSWORD}, given the grants ({@code %s} is the role). */
    private String createRole(String... grants) {
        String role = PostgresServer.newName("reader");
        String database = PostgresServer.databaseOf(ownerUri);
        POSTGRES.execute(database, "CREATE ROLE " + role + " LOGIN PASSWORD '" + PASSWORD + "'");
        for (String grant : grants) {
            POSTGRES.execute(database, grant.formatted(role));
        }
        return role;
    }

    private Tracker openAs(String role, String schemaName) {
        String uri = "postgresql://" + role + "@127.0.0.1:" + POSTGRES.port() + "/" + PostgresServer.databaseOf(ownerUri)
                + "?schema=" + schemaName;
        RunStore store = PostgresStoreProvider.open(StoreLocation.parse(uri, "test", home), Duration.ofSeconds(60),
                Map.of(Credentials.PASSWORD_VARIABLE, PASSWORD), home, new PrintStream(OutputStream.nullOutputStream()));
        return Tracker.create(store, OPTIONS, true);
    }

    private static void assertOneLineWithoutSqlOrPassword(Throwable e) {
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain(PASSWORD)
                .doesNotContainIgnoringCase("insert into").doesNotContainIgnoringCase("select ");
    }
}
