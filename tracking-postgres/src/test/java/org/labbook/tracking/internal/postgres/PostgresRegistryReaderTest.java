package org.labbook.tracking.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.ModelLineage;
import org.labbook.tracking.Promotion;
import org.labbook.tracking.Run;
import org.labbook.tracking.StoreException;
import org.labbook.tracking.StoreLocation;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.TrackerOptions;
import org.labbook.tracking.spi.RunStore;

/**
 * A teammate with only SELECT on a team store's tables reads the model registry (models, versions,
 * {@code NAME@alias}, lineage, the audit trail), and a promotion fails in one line saying the store is
 * read-only for them, with nothing moved.
 */
class PostgresRegistryReaderTest {
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();
    private static final TrackerOptions OPTIONS = TrackerOptions.defaults().withShutdownHook(false);
    private static final String PASSWORD = "reader-secret";

    @TempDir
    Path home;

    @Test
    void aReaderResolvesAliasesAndLineageButCannotPromote() {
        String ownerUri = POSTGRES.newSchema();
        String schema = PostgresServer.schemaOf(ownerUri);
        try (Tracker owner = Labbook.open(ownerUri, OPTIONS)) {
            String runId;
            try (Run run = owner.start("fraud", "good")) {
                run.metric("val_auc", 0.95, 1);
                run.artifact("weights".getBytes(StandardCharsets.UTF_8), "model.bin");
                runId = run.id();
            }
            owner.models().register("fraud-detector", runId, "model.bin", null);
            owner.models().register("fraud-detector", runId, "model.bin", null);
            owner.models().promote(Promotion.of("fraud-detector", 1, "production").when("metrics.val_auc > 0.9"));
        }
        String reader = PostgresServer.newName("reader");
        String database = PostgresServer.databaseOf(ownerUri);
        POSTGRES.execute(database, "CREATE ROLE " + reader + " LOGIN PASSWORD '" + PASSWORD + "'");
        POSTGRES.execute(database, "GRANT USAGE ON SCHEMA " + schema + " TO " + reader);
        POSTGRES.execute(database, "GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO " + reader);

        String uri = "postgresql://" + reader + "@127.0.0.1:" + POSTGRES.port() + "/" + database + "?schema=" + schema;
        RunStore store = PostgresStoreProvider.open(StoreLocation.parse(uri, "test", home), Duration.ofSeconds(60),
                Map.of(Credentials.PASSWORD_VARIABLE, PASSWORD), home, new PrintStream(OutputStream.nullOutputStream()));
        try (Tracker tracker = Tracker.create(store, OPTIONS, true)) {
            ModelLineage lineage = tracker.models().lineage("fraud-detector@production");
            assertThat(lineage.version().version()).isEqualTo(1);
            assertThat(lineage.artifact()).isPresent();
            assertThat(lineage.promotions()).hasSize(1);
            assertThat(tracker.models().models()).hasSize(1);
            assertThat(tracker.models().fetch("fraud-detector@production", home.resolve("cache")).artifact())
                    .content().isEqualTo("weights");

            assertThatThrownBy(() -> tracker.models().promote(Promotion.of("fraud-detector", 2, "production")))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("read-only for user '" + reader + "'")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain(PASSWORD)
                            .doesNotContainIgnoringCase("update registered_models"));
            assertThat(tracker.models().resolve("fraud-detector@production").version()).isEqualTo(1);
            assertThat(tracker.models().history("fraud-detector")).hasSize(1);
        }
    }
}
