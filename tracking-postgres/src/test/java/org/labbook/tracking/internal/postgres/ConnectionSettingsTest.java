package org.labbook.tracking.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.labbook.tracking.StoreLocation;
import org.labbook.tracking.ValidationException;

/** Store URIs in every accepted form, and bad ones refused in one line that never shows a password. */
class ConnectionSettingsTest {
    private static final Map<String, String> NO_ENVIRONMENT = Map.of();
    /** A password with every character a URI uses as a separator. */
    private static final String PASSWORD = "p/ss@w:rd";

    @Test
    void fullUriIsSplitIntoServerUserStoreOptionsAndDriverProperties() {
        ConnectionSettings settings = ConnectionSettings.parse("postgresql://ada:" + PASSWORD + "@db.example:6543/lab"
                + "?sslmode=verify-full&sslrootcert=/etc/labbook/ca.pem&schema=team&artifacts=/mnt/shared/labbook", NO_ENVIRONMENT);
        assertThat(settings.user()).isEqualTo("ada");
        assertThat(settings.uriPassword()).isEqualTo(PASSWORD);
        assertThat(settings.host()).isEqualTo("db.example");
        assertThat(settings.port()).isEqualTo(6543);
        assertThat(settings.database()).isEqualTo("lab");
        assertThat(settings.schema()).isEqualTo("team");
        assertThat(settings.artifacts()).isEqualTo(Path.of("/mnt/shared/labbook"));
        assertThat(settings.driverProperties()).containsExactly(
                Map.entry("sslmode", "verify-full"), Map.entry("sslrootcert", "/etc/labbook/ca.pem"));
        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/lab");
        assertThat(settings.redacted()).startsWith("postgresql://ada:[redacted]@db.example:6543/lab?").doesNotContain("w:rd");
        assertThat(settings.toString()).contains("ada").doesNotContain(PASSWORD).doesNotContain("w:rd").doesNotContain("p/ss");
    }

    @Test
    void postgresSchemeAndTheDriversOwnFormsAreAccepted() {
        assertThat(ConnectionSettings.parse("postgres://ada@db.example/lab", NO_ENVIRONMENT).jdbcUrl())
                .isEqualTo("jdbc:postgresql://db.example:5432/lab");
        ConnectionSettings jdbc = ConnectionSettings.parse("jdbc:postgresql://db.example:5433/lab?user=bob&password=" + PASSWORD
                .replace("@", "%40"), NO_ENVIRONMENT);
        assertThat(jdbc.user()).isEqualTo("bob");
        assertThat(jdbc.uriPassword()).isEqualTo(PASSWORD);
        assertThat(jdbc.port()).isEqualTo(5433);
        assertThat(jdbc.redacted()).contains("password=[redacted]").doesNotContain("w:rd");
        ConnectionSettings local = ConnectionSettings.parse("jdbc:postgresql:lab", Map.of("PGUSER", "carol"));
        assertThat(local.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/lab");
        assertThat(local.user()).isEqualTo("carol");
    }

    @Test
    void missingPartsFollowLibpqDefaults() {
        ConnectionSettings settings = ConnectionSettings.parse("postgresql://db.example", Map.of("PGUSER", "dora"));
        assertThat(settings.user()).isEqualTo("dora");
        assertThat(settings.database()).as("the user's name, as libpq").isEqualTo("dora");
        assertThat(settings.port()).isEqualTo(5432);
        assertThat(settings.uriPassword()).isNull();
        assertThat(settings.schema()).isNull();
        assertThat(settings.artifacts()).isNull();
        assertThat(ConnectionSettings.parse("postgresql://", NO_ENVIRONMENT).user()).isEqualTo(System.getProperty("user.name"));
    }

    @Test
    void percentEscapesAreDecodedAndSeveralHostsKept() {
        ConnectionSettings settings = ConnectionSettings.parse(
                "postgresql://ada%20l:p%3Fss%25@h1:5432,h2:5433/my%20lab?ApplicationName=team%20nb", NO_ENVIRONMENT);
        assertThat(settings.user()).isEqualTo("ada l");
        assertThat(settings.uriPassword()).isEqualTo("p?ss%");
        assertThat(settings.database()).isEqualTo("my lab");
        assertThat(settings.hosts()).isEqualTo("h1:5432,h2:5433");
        assertThat(settings.host()).isEqualTo("h1");
        assertThat(settings.driverProperties()).containsEntry("ApplicationName", "team nb");
        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://h1:5432,h2:5433/my+lab");
    }

    @Test
    void theRedactionOfTheCoreMasksThePasswordThisParserReads() {
        String uri = "postgresql://ada:" + PASSWORD + "@db.example/lab?sslmode=require";
        ConnectionSettings settings = ConnectionSettings.parse(uri, NO_ENVIRONMENT);
        assertThat(StoreLocation.redact(uri)).isEqualTo("postgresql://ada:[redacted]@db.example/lab?sslmode=require")
                .isEqualTo(settings.redacted());
    }

    @Test
    void unknownDriverPropertyIsRefusedWithTheFix() {
        assertThatThrownBy(() -> ConnectionSettings.parse("postgresql://ada:" + PASSWORD + "@h/lab?sslmod=require", NO_ENVIRONMENT))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("parameter 'sslmod' is unknown").hasMessageContaining("sslmode")
                .satisfies(e -> assertOneLineWithoutPassword(e.getMessage()));
    }

    @Test
    void badOptionsAreRefusedInOneLine() {
        assertRefused("postgresql://h/lab?schema=Team", "schema 'Team' is not a plain lower-case name");
        assertRefused("postgresql://h/lab?schema=pg_labbook", "schema 'pg_labbook'");
        assertRefused("postgresql://h/lab?schema=a;drop", "schema 'a;drop'");
        assertRefused("postgresql://h/lab?artifacts=shared/labbook", "relative path");
        assertRefused("postgresql://h/lab?currentSchema=team", "schema=NAME");
        assertRefused("postgresql://h/lab?reWriteBatchedInserts=true", "Leave it out");
        assertRefused("postgresql://h/lab?PGHOST=other", "repeats a part of the URI");
        assertRefused("postgresql://h:54x2/lab", "port '54x2'");
        assertRefused("postgresql://h/lab?sslmode", "name=value");
        assertRefused("postgresql://h/lab?sslmode=require&sslmode=disable", "'sslmode' is given twice");
        assertRefused("postgresql://ada@h/lab?user=bob", "names the user twice");
        assertRefused("postgresql://h/l%zzab", "not followed by two hex digits");
        assertRefused("mysql://h/lab", "not a PostgreSQL URI");
    }

    @Test
    void badEscapeInThePasswordIsReportedWithoutIt() {
        assertThatThrownBy(() -> ConnectionSettings.parse("postgresql://ada:se%cret%z9@h/lab", NO_ENVIRONMENT))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("the password has a '%'")
                .hasMessageNotContaining("se%cret").hasMessageNotContaining("cret")
                .hasMessageContaining("ada:[redacted]@h/lab");
    }

    @Test
    void passwordHoldingAQuestionMarkIsRefusedWithoutShowingAnyOfIt() {
        assertThatThrownBy(() -> ConnectionSettings.parse("postgresql://ada:half?other-half@h/lab", NO_ENVIRONMENT))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("%3F")
                .hasMessageNotContaining("half").hasMessageNotContaining("other")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        // An '@' after the '?' of a URI without a password is just a value.
        assertThat(ConnectionSettings.parse("postgresql://h:5432/lab?sslcert=/home/a@b/client.crt", NO_ENVIRONMENT)
                .driverProperties()).containsEntry("sslcert", "/home/a@b/client.crt");
    }

    private static void assertRefused(String uri, String expected) {
        assertThatThrownBy(() -> ConnectionSettings.parse(uri, NO_ENVIRONMENT)).isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("Invalid PostgreSQL store URI")
                .hasMessageContaining(expected)
                .satisfies(e -> assertOneLineWithoutPassword(e.getMessage()));
    }

    private static void assertOneLineWithoutPassword(String message) {
        assertThat(message).doesNotContain("\n").doesNotContain(PASSWORD).doesNotContain("w:rd");
    }
}
