package org.labbook.tracking.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which password wins: the URI, LABBOOK_STORE_PASSWORD, PGPASSWORD, then the password file. */
class CredentialsTest {
    private static final String URI = "postgresql://ada@db.example:5432/lab";

    @TempDir
    Path home;

    @BeforeEach
    void writePgpass() throws IOException {
        Files.writeString(home.resolve(".pgpass"), "db.example:5432:lab:ada:from-file\n");
    }

    @Test
    void uriPasswordComesFirst() {
        Credentials.Password password = find("postgresql://ada:from-uri@db.example:5432/lab",
                Map.of("LABBOOK_STORE_PASSWORD", "from-labbook", "PGPASSWORD", "from-pg"));
        assertThat(password.value()).isEqualTo("from-uri");
        assertThat(password.source()).isEqualTo("the URI");
    }

    @Test
    void labbookVariableComesBeforeTheGenericOne() {
        Credentials.Password password = find(URI, Map.of("LABBOOK_STORE_PASSWORD", "from-labbook", "PGPASSWORD", "from-pg"));
        assertThat(password.value()).isEqualTo("from-labbook");
        assertThat(password.source()).isEqualTo("LABBOOK_STORE_PASSWORD");
    }

    @Test
    void pgpasswordComesBeforeThePasswordFile() {
        assertThat(find(URI, Map.of("PGPASSWORD", "from-pg")).value()).isEqualTo("from-pg");
        assertThat(find(URI, Map.of("PGPASSWORD", "")).value()).as("an empty variable counts as unset").isEqualTo("from-file");
    }

    @Test
    void passwordFileIsMatchedOnTheUrisServerDatabaseAndUser() {
        Credentials.Password password = find(URI, Map.of());
        assertThat(password.value()).isEqualTo("from-file");
        assertThat(password.source()).isEqualTo(home.resolve(".pgpass").toString());
        assertThat(Credentials.find(ConnectionSettings.parse("postgresql://bob@db.example:5432/lab", Map.of()), Map.of(), home))
                .isEmpty();
    }

    @Test
    void passwordNeverShowsInToStringAndTheWarningShowsTheUriMasked() {
        Credentials.Password password = find("postgresql://ada:s3cr3t-v4lue@db.example:5432/lab", Map.of());
        assertThat(password.toString()).doesNotContain("s3cr3t-v4lue").contains("the URI");
        String warning = Credentials.uriPasswordWarning(ConnectionSettings.parse("postgresql://ada:s3cr3t-v4lue@db.example/lab", Map.of()));
        assertThat(warning).contains("postgresql://ada:[redacted]@db.example/lab").contains("LABBOOK_STORE_PASSWORD")
                .doesNotContain("s3cr3t-v4lue").doesNotContain("\n");
    }

    private Credentials.Password find(String uri, Map<String, String> environment) {
        return Credentials.find(ConnectionSettings.parse(uri, environment), environment, home).orElseThrow();
    }
}
