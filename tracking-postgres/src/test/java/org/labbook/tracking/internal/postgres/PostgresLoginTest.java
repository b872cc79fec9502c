package org.labbook.tracking.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.tracking.StoreException;
import org.labbook.tracking.StoreLocation;
import org.labbook.tracking.spi.RunStore;

/**
 * Logging in for real with a password from each source. The role's password holds {@code /}, {@code @}
 * and {@code :}, and it must never show in a message, its causes or a warning, in whole or in part.
 */
class PostgresLoginTest {
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();
    private static final String PASSWORD = "tr1cky/p@ss:w0rd";

    @TempDir
    Path home;

    private String role;
    private String database;
    private final ByteArrayOutputStream warnings = new ByteArrayOutputStream();

    @BeforeEach
    void createRoleWithItsOwnDatabase() {
        role = PostgresServer.newName("ada");
        database = PostgresServer.newName("lab");
        POSTGRES.execute("postgres", "CREATE ROLE " + role + " LOGIN PASSWORD '" + PASSWORD + "'",
                "CREATE DATABASE " + database + " OWNER " + role);
    }

    @Test
    void passwordInTheUriLogsInAndPrintsOneWarningWithoutIt() {
        String uri = "postgresql://" + role + ":" + PASSWORD + "@127.0.0.1:" + POSTGRES.port() + "/" + database;
        try (RunStore store = open(uri, Map.of())) {
            assertThat(store.createExperiment("e").name()).isEqualTo("e");
            assertThat(store.toString()).contains(role + ":[redacted]@").doesNotContain("p@ss");
        }
        String printed = warnings.toString(StandardCharsets.UTF_8);
        assertThat(printed.lines()).hasSize(1);
        assertThat(printed).contains("holds a password").contains(role + ":[redacted]@127.0.0.1");
        assertNoPieceOfThePassword(printed);
    }

    @Test
    void passwordFromThePgpassFileWithAnEscapedColonLogsInSilently() throws IOException {
        Files.writeString(home.resolve(".pgpass"), "# local test server\n"
                + "127.0.0.1:" + POSTGRES.port() + ":*:" + role + ":" + PASSWORD.replace(":", "\\:") + "\n");
        try (RunStore store = open(uri(), Map.of())) {
            assertThat(store.createExperiment("e").name()).isEqualTo("e");
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void passwordFromTheEnvironmentLogsIn() {
        try (RunStore store = open(uri(), Map.of(Credentials.PASSWORD_VARIABLE, PASSWORD, "PGPASSWORD", "not-this-one"))) {
            assertThat(store.experiments(false)).isEmpty();
        }
        try (RunStore store = open(uri(), Map.of("PGPASSWORD", PASSWORD))) {
            assertThat(store.experiments(false)).isEmpty();
        }
    }

    @Test
    void wrongPasswordIsOneLineNamingItsSourceAndNeverThePassword() {
        String wrong = "wr0ng/p@ss:word";
        assertThatThrownBy(() -> open(uri(), Map.of("PGPASSWORD", wrong))).isInstanceOf(StoreException.class)
                .hasMessageStartingWith("Cannot connect to the PostgreSQL store " + uri())
                .hasMessageContaining("password authentication failed")
                .hasMessageContaining("Check the password given by PGPASSWORD")
                .satisfies(e -> {
                    assertOneLine(e);
                    assertThat(chainText(e)).doesNotContain(wrong).doesNotContain("p@ss");
                });
    }

    @Test
    void missingPasswordSaysWhereToPutOne() {
        assertThatThrownBy(() -> open(uri(), Map.of())).isInstanceOf(StoreException.class)
                .hasMessageContaining("No password was found").hasMessageContaining("LABBOOK_STORE_PASSWORD")
                .hasMessageContaining("~/.pgpass")
                .satisfies(PostgresLoginTest::assertOneLine);
    }

    @Test
    void unknownDatabaseSaysToCreateIt() {
        String uri = "postgresql://" + role + "@127.0.0.1:" + POSTGRES.port() + "/no_such_database";
        assertThatThrownBy(() -> open(uri, Map.of(Credentials.PASSWORD_VARIABLE, PASSWORD))).isInstanceOf(StoreException.class)
                .hasMessageContaining("no_such_database").hasMessageContaining("Create the database first")
                .satisfies(PostgresLoginTest::assertOneLine);
    }

    @Test
    void serverThatDoesNotAnswerIsNamedWithThePasswordMaskedWhole() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String uri = "postgresql://" + role + ":" + PASSWORD + "@127.0.0.1:" + closedPort + "/" + database + "?connectTimeout=5";
        assertThatThrownBy(() -> open(uri, Map.of())).isInstanceOf(StoreException.class)
                .hasMessageStartingWith("Cannot connect to the PostgreSQL store postgresql://" + role + ":[redacted]@127.0.0.1:" + closedPort)
                .hasMessageContaining("Check that the server is running")
                .satisfies(e -> {
                    assertOneLine(e);
                    assertNoPieceOfThePassword(chainText(e));
                });
    }

    private String uri() {
        return "postgresql://" + role + "@127.0.0.1:" + POSTGRES.port() + "/" + database;
    }

    private RunStore open(String uri, Map<String, String> environment) {
        return PostgresStoreProvider.open(StoreLocation.parse(uri, "test", home), Duration.ofSeconds(60), environment, home,
                new PrintStream(warnings, true, StandardCharsets.UTF_8));
    }

    /** Every message and toString of the exception and its causes. */
    private static String chainText(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t).append('\n').append(t.getMessage()).append('\n');
        }
        return text.toString();
    }

    private static void assertOneLine(Throwable e) {
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r");
    }

    private static void assertNoPieceOfThePassword(String text) {
        assertThat(text).doesNotContain(PASSWORD).doesNotContain("tr1cky").doesNotContain("p@ss").doesNotContain("w0rd");
    }
}
