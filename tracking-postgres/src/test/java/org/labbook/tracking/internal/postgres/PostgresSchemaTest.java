package org.labbook.tracking.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labbook.tracking.StoreException;
import org.labbook.tracking.spi.Stores;

/**
 * The PostgreSQL store's schema, as its migrations leave it, is the checked-in
 * {@code src/test/resources/schemas/postgresql.sql}: a change to a migration shows up in review as a
 * change to that file. Run with {@code -Dlabbook.schema.update=true} to rewrite it after an intended change.
 */
class PostgresSchemaTest {
    private static final Path EXPECTED = Path.of("src/test/resources/schemas/postgresql.sql");

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @Test
    void migratedSchemaIsTheCheckedInOne() throws Exception {
        String uri = POSTGRES.newSchema();
        Stores.open(uri).close();
        String actual = dump(PostgresServer.databaseOf(uri), PostgresServer.schemaOf(uri));
        if (Boolean.getBoolean("labbook.schema.update")) {
            Files.writeString(EXPECTED, actual);
        }
        assertThat(actual).as("the schema differs from %s; if the change is intended, rerun with"
                + " -Dlabbook.schema.update=true and commit the file", EXPECTED)
                .isEqualTo(Files.readString(EXPECTED));
    }

    @Test
    void storeInTheDefaultSchemaHasTheSameTables() throws Exception {
        String uri = POSTGRES.newDatabase();
        Stores.open(uri).close();
        String inSchema = POSTGRES.newSchema();
        Stores.open(inSchema).close();
        assertThat(dump(PostgresServer.databaseOf(uri), "public"))
                .isEqualTo(dump(PostgresServer.databaseOf(inSchema), PostgresServer.schemaOf(inSchema)));
    }

    @Test
    void storeOfANewerSchemaIsRefusedWithTheUpgradeToDo() {
        String uri = POSTGRES.newSchema();
        Stores.open(uri).close();
        POSTGRES.execute(PostgresServer.databaseOf(uri),
                "INSERT INTO " + PostgresServer.schemaOf(uri) + ".schema_version VALUES (99, 0)");
        assertThatThrownBy(() -> Stores.open(uri)).isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version 99").hasMessageContaining("Upgrade Labbook");
    }

    @Test
    void migrationWaitsForTheStoreLockAndAStoreAtThisVersionOpensWithoutIt() throws Exception {
        String uri = POSTGRES.newSchema();
        String lock = PostgresDialect.LOCK_CLASS + ", " + PostgresDialect.lockKey(PostgresServer.schemaOf(uri));
        try (Connection holder = POSTGRES.admin(PostgresServer.databaseOf(uri)); Statement s = holder.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + lock + ")");
            CompletableFuture<Void> creating = CompletableFuture.runAsync(() -> Stores.open(uri).close());
            Thread.sleep(1_000);
            assertThat(creating).as("creating the schema waits for the lock").isNotDone();
            s.execute("SELECT pg_advisory_unlock(" + lock + ")");
            creating.get(60, TimeUnit.SECONDS);

            s.execute("SELECT pg_advisory_lock(" + lock + ")");
            CompletableFuture.runAsync(() -> Stores.open(uri).close()).get(60, TimeUnit.SECONDS);
            s.execute("SELECT pg_advisory_unlock(" + lock + ")");
        }
    }

    /**
     * Tables with their columns, constraints and storage parameters, then indexes, in a stable order,
     * written without the schema's name so that any schema dumps the same.
     */
    static String dump(String database, String schema) throws SQLException {
        return dump(POSTGRES, database, schema);
    }

    /** As {@link #dump(String, String)}, on the server a test class of its own registered. */
    static String dump(PostgresServer server, String database, String schema) throws SQLException {
        StringBuilder out = new StringBuilder("-- Schema of the PostgreSQL store after every migration (generated; see PostgresSchemaTest).\n");
        try (Connection c = server.admin(database)) {
            for (String table : strings(c, "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = ? AND c.relkind = 'r' ORDER BY c.relname", schema)) {
                List<String> lines = new ArrayList<>();
                lines.addAll(strings(c, "SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod)"
                        + " || CASE WHEN a.attcollation <> t.typcollation THEN ' COLLATE \"' || co.collname || '\"' ELSE '' END"
                        + " || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END"
                        + " || CASE a.attidentity WHEN 'a' THEN ' GENERATED ALWAYS AS IDENTITY'"
                        + "      WHEN 'd' THEN ' GENERATED BY DEFAULT AS IDENTITY' ELSE '' END"
                        + " || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')"
                        + " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
                        + " LEFT JOIN pg_collation co ON co.oid = a.attcollation"
                        + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                        + " WHERE a.attrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass AND a.attnum > 0"
                        + " AND NOT a.attisdropped ORDER BY a.attnum", schema, table));
                lines.addAll(strings(c, "SELECT 'CONSTRAINT ' || conname || ' ' || pg_get_constraintdef(oid)"
                        + " FROM pg_constraint WHERE conrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass"
                        + " ORDER BY conname", schema, table));
                List<String> options = strings(c, "SELECT array_to_string(reloptions, ', ') FROM pg_class"
                        + " WHERE oid = (quote_ident(?) || '.' || quote_ident(?))::regclass AND reloptions IS NOT NULL", schema, table);
                out.append("\nCREATE TABLE ").append(table).append(" (\n    ").append(String.join(",\n    ", lines)
                        .replace(" " + schema + ".", " ")).append(")")
                        .append(options.isEmpty() ? "" : " WITH (" + options.get(0) + ")").append(";\n");
            }
            for (String index : strings(c, "SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i"
                    + " JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = ? AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)"
                    + " ORDER BY c.relname", schema)) {
                out.append('\n').append(index.replace(" " + schema + ".", " ")).append(";\n");
            }
        }
        return out.toString();
    }

    private static List<String> strings(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                select.setString(i + 1, args[i]);
            }
            List<String> result = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    result.add(rs.getString(1));
                }
            }
            return result;
        }
    }
}
