package org.labbook.tracking.internal.postgres;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL for the tests: one server per test JVM, started by the first test class that
 * registers this extension, shared by every later one, and stopped when the test run ends (JUnit closes
 * it with the root context). It listens on 127.0.0.1 only, with no Unix socket. The superuser
 * {@code postgres} logs in without a password; every other role must give its password (SCRAM), so the
 * credential tests log in for real.
 *
 * <pre>
 *   &#64;RegisterExtension
 *   static final PostgresServer POSTGRES = new PostgresServer();
 *   ...
 *   String uri = POSTGRES.newDatabase();          // postgresql://postgres@127.0.0.1:PORT/db_7
 *   String uri = POSTGRES.newSchema();            // postgresql://postgres@127.0.0.1:PORT/schemas?schema=s_8
 * </pre>
 */
final class PostgresServer implements BeforeAllCallback {
    static final String SUPERUSER = "postgres";
    private static final String SCHEMA_DATABASE = "schemas";
    private static final AtomicInteger NAMES = new AtomicInteger();

    private Running running;

    /** The started server, closed by JUnit after the last test of the run. */
    private record Running(EmbeddedPostgres postgres) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            postgres.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        running = context.getRoot().getStore(ExtensionContext.Namespace.create(PostgresServer.class))
                .getOrComputeIfAbsent(Running.class, key -> start(), Running.class);
    }

    private static Running start() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", "")
                    // A test server: durability is not what is tested, and fsyncs would slow every commit.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setDataDirectoryCustomizer(PostgresServer::requirePasswordsOfOtherRoles)
                    .start();
            try (Connection c = admin(postgres.getPort(), "postgres"); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + SCHEMA_DATABASE);
            }
            return new Running(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test PostgreSQL", e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the test PostgreSQL", e);
        }
    }

    private static void requirePasswordsOfOtherRoles(File dataDirectory) {
        try {
            Files.writeString(dataDirectory.toPath().resolve("pg_hba.conf"), """
                    # Written by the tests: TCP on 127.0.0.1 only; the superuser is trusted, every other role logs in with its password.
                    host all postgres 127.0.0.1/32 trust
                    host all all 127.0.0.1/32 scram-sha-256
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return running.postgres().getPort();
    }

    /** A URI of a new, empty database owned by the superuser. */
    String newDatabase() {
        String name = "db_" + NAMES.incrementAndGet();
        execute("postgres", "CREATE DATABASE " + name);
        return "postgresql://" + SUPERUSER + "@127.0.0.1:" + port() + "/" + name;
    }

    /** A URI of a new schema (created by the store when it opens) in a database shared by such tests. */
    String newSchema() {
        return "postgresql://" + SUPERUSER + "@127.0.0.1:" + port() + "/" + SCHEMA_DATABASE + "?schema=s_" + NAMES.incrementAndGet();
    }

    /** A superuser connection (autocommit) to a database of the server. */
    Connection admin(String database) throws SQLException {
        return admin(port(), database);
    }

    private static Connection admin(int port, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, SUPERUSER, "");
    }

    /** Runs statements as the superuser in a database. */
    void execute(String database, String... statements) {
        try (Connection c = admin(database); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The database a store URI of this server names. */
    static String databaseOf(String uri) {
        String path = uri.substring(uri.indexOf('/', "postgresql://".length()) + 1);
        int question = path.indexOf('?');
        return question < 0 ? path : path.substring(0, question);
    }

    /** The schema a store URI names, or null. */
    static String schemaOf(String uri) {
        int at = uri.indexOf("schema=");
        return at < 0 ? null : uri.substring(at + "schema=".length()).split("&")[0];
    }

    /** A fresh role name, unique in this run. */
    static String newName(String prefix) {
        return prefix + "_" + NAMES.incrementAndGet();
    }
}
