package org.labbook.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.kernel.cli.LabbookCommand;
import org.labbook.tracking.postgres.PostgresSetupSql;

/** {@code labbook store init} through the real {@code labbook} command line, its subcommand found by the SPI. */
class StoreCommandTest {
    @TempDir
    Path tempDir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int labbook(String... args) {
        return LabbookCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void printSqlPrintsEveryMigrationTheVersionRowsAndTheGrantsOfBothRoles() {
        int exit = labbook("store", "init", "--print-sql", "--schema", "team", "--reader", "viewer", "--writer", "logger");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString())
                .isEqualTo(PostgresSetupSql.script(PostgresSetupSql.Options.defaults().withSchema("team").withReader("viewer")
                        .withWriter("logger")))
                .startsWith("-- A Labbook store, schema version ")
                .contains("CREATE SCHEMA IF NOT EXISTS team;\nSET LOCAL search_path TO team;\n")
                .contains("CREATE TABLE runs (")
                .contains("INSERT INTO schema_version (version, applied_at) VALUES (1, ")
                .contains("GRANT SELECT ON ALL TABLES IN SCHEMA team TO viewer;\n")
                .contains("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA team TO logger;\n")
                .contains("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA team TO logger;\n")
                .doesNotContain("INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA team TO viewer")
                .endsWith("COMMIT;\n");
    }

    @Test
    void initCreatesAStoreAndSaysItsVersionThenFindsItCurrent() {
        Path store = tempDir.resolve("store");

        assertThat(labbook("store", "init", store.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("The SQLite store in " + store)
                .containsPattern("is at schema version \\d+ \\(created now\\)\\.\\n$");
        out.getBuffer().setLength(0);

        assertThat(labbook("store", "init", store.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern("is at schema version \\d+ \\(already at it, nothing changed\\)\\.\\n$");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void badInputGetsOneLineAndExitCodeTwo() {
        assertUsage(new String[]{"store", "init", "--print-sql", "--schema", "Team"},
                "labbook store init: Invalid --schema 'Team': a schema name here must be a plain lower-case name");
        assertUsage(new String[]{"store", "init", "--print-sql", "postgresql://ada:s3cret@db/labbook"},
                "labbook store init: --print-sql connects to no store, so it takes no URI ('postgresql://ada:[redacted]@db/labbook')");
        assertUsage(new String[]{"store", "init", tempDir.toString(), "--reader", "viewer"},
                "labbook store init: --schema, --reader and --writer go with --print-sql");
        assertUsage(new String[]{"store", "init"}, "labbook store init: Missing the store URI");
        assertUsage(new String[]{"store", "init", "--print-sq"}, "labbook: Unknown option: '--print-sq'");
        assertUsage(new String[]{"store"}, "labbook: Missing a command: use init.");
    }

    private void assertUsage(String[] args, String start) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertThat(labbook(args)).as(String.join(" ", args)).isEqualTo(2);
        assertThat(err.toString()).startsWith(start).doesNotContain("s3cret").doesNotContain("\tat ");
        assertThat(err.toString().strip()).doesNotContain("\n");
        assertThat(out.toString()).isEmpty();
    }
}
