package org.labbook.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.tracking.spi.Stores;

/** Which store Labbook opens, in rule order, and how it says so. */
class StoreLocationTest {
    @TempDir
    Path tempDir;

    @Test
    void explicitUriWinsOverTheEnvironment() {
        StoreLocation location = StoreLocation.resolve("sqlite:" + tempDir.resolve("a"),
                Map.of("LABBOOK_STORE", tempDir.resolve("b").toString()), tempDir);
        assertThat(location.directory()).isEqualTo(tempDir.resolve("a"));
        assertThat(location.describe()).contains("explicit argument");
    }

    @Test
    void environmentVariableWinsOverTheGitRoot() throws IOException {
        Files.createDirectories(tempDir.resolve("repo/.git"));
        StoreLocation location = StoreLocation.resolve(null, Map.of("LABBOOK_STORE", "shared"), tempDir.resolve("repo"));
        assertThat(location.directory()).isEqualTo(tempDir.resolve("repo/shared"));
        assertThat(location.describe()).contains("LABBOOK_STORE environment variable");
    }

    @Test
    void withoutSettingsTheStoreIsAtTheEnclosingGitRepositoryRoot() throws IOException {
        Files.createDirectories(tempDir.resolve("repo/.git"));
        Path notebooks = Files.createDirectories(tempDir.resolve("repo/notebooks/deep"));
        StoreLocation location = StoreLocation.resolve(null, Map.of(), notebooks);
        assertThat(location.directory()).isEqualTo(tempDir.resolve("repo/.labbook"));
        assertThat(location.scheme()).isEqualTo(StoreLocation.SQLITE);
        assertThat(location.describe()).contains("git repository root").contains(tempDir.resolve("repo").toString());
    }

    @Test
    void aGitFileOfAWorktreeAlsoMarksTheRoot() throws IOException {
        Files.createDirectories(tempDir.resolve("worktree"));
        Files.writeString(tempDir.resolve("worktree/.git"), "gitdir: /elsewhere");
        StoreLocation location = StoreLocation.resolve(null, Map.of(), tempDir.resolve("worktree"));
        assertThat(location.directory()).isEqualTo(tempDir.resolve("worktree/.labbook"));
    }

    @Test
    void outsideAnyRepositoryTheStoreIsInTheWorkingDirectory() {
        // The temp folder may itself sit inside a repository on a developer machine; only check the rule
        // when it does not.
        StoreLocation location = StoreLocation.resolve(null, Map.of(), tempDir);
        if (location.describe().contains("working directory")) {
            assertThat(location.directory()).isEqualTo(tempDir.resolve(".labbook"));
        } else {
            assertThat(location.describe()).contains("git repository root");
        }
    }

    @Test
    void plainPathsSqliteAndFileUrisNameTheSameFolder() {
        Path folder = tempDir.resolve("s");
        assertThat(StoreLocation.parse(folder.toString(), "t", tempDir).directory()).isEqualTo(folder);
        assertThat(StoreLocation.parse("sqlite:" + folder, "t", tempDir).directory()).isEqualTo(folder);
        assertThat(StoreLocation.parse("sqlite://" + folder, "t", tempDir).directory()).isEqualTo(folder);
        assertThat(StoreLocation.parse(folder.toUri().toString(), "t", tempDir).directory()).isEqualTo(folder);
        assertThat(StoreLocation.parse("rel/store", "t", tempDir).directory()).isEqualTo(tempDir.resolve("rel/store"));
        assertThat(StoreLocation.parse(folder.resolve("labbook.db").toString(), "t", tempDir).directory()).isEqualTo(folder);
    }

    @Test
    void postgresqlUrisAreRecognisedAndTheirPasswordsNeverShown() {
        StoreLocation location = StoreLocation.parse("postgresql://bob:s3cret@db.example:5432/labbook", "t", tempDir);
        assertThat(location.scheme()).isEqualTo("postgresql");
        assertThat(location.describe()).contains("bob:[redacted]@db.example").doesNotContain("s3cret");
        assertThat(StoreLocation.parse("postgresql://db/x?user=bob&password=pw", "t", tempDir).describe())
                .doesNotContain("pw&").contains("password=[redacted]");
    }

    @Test
    void everyUriFormOfPostgresqlNamesOneScheme() {
        assertThat(StoreLocation.parse("postgres://db/x", "t", tempDir).scheme()).isEqualTo("postgresql");
        assertThat(StoreLocation.parse("jdbc:postgresql://db/x", "t", tempDir).scheme()).isEqualTo("postgresql");
        assertThat(StoreLocation.parse("PostgreSQL://db/x", "t", tempDir).scheme()).isEqualTo("postgresql");
    }

    @Test
    void passwordsAreMaskedWholeWhateverTheyHoldAndNoUserIsNeeded() {
        assertThat(StoreLocation.redact("postgresql://admin:Zx9/ab+cd@db/prod")).isEqualTo("postgresql://admin:[redacted]@db/prod");
        assertThat(StoreLocation.redact("postgresql://admin:p@ss@db/prod")).isEqualTo("postgresql://admin:[redacted]@db/prod");
        assertThat(StoreLocation.redact("postgresql://:secret@db/prod")).isEqualTo("postgresql://:[redacted]@db/prod");
        assertThat(StoreLocation.redact("postgresql://a:b:c@db/prod?sslmode=require&password=x"))
                .isEqualTo("postgresql://a:[redacted]@db/prod?sslmode=require&password=[redacted]");
        assertThat(StoreLocation.redact("postgresql://admin:pa?ss@db/prod")).isEqualTo("postgresql://admin:[redacted]@db/prod");
        assertThat(StoreLocation.redact("postgresql://bob@db/prod")).isEqualTo("postgresql://bob@db/prod");
        assertThat(StoreLocation.redact("postgresql://db:5432/prod")).isEqualTo("postgresql://db:5432/prod");
    }

    @Test
    void aStoreNoProviderServesIsRefusedInOneLineWithoutItsPassword() {
        StoreLocation location = StoreLocation.parse("mysql://root:TopSecret99@db/x", "t", tempDir);
        assertThat(location.scheme()).isEqualTo("mysql");
        assertThatThrownBy(() -> Stores.open(location, Stores.DEFAULT_CRASH_TIMEOUT)).isInstanceOf(StoreException.class)
                .hasMessageContaining("No store serves 'mysql:'").hasMessageContaining("sqlite")
                .hasMessageContaining("sqlite:/path/to/folder").hasMessageNotContaining("TopSecret99")
                .hasMessageNotContaining("\n");
    }

    @Test
    void locateDescribesWithoutOpening() {
        StoreLocation location = Labbook.locate(tempDir.resolve("never-created").toString());
        assertThat(location.directory()).doesNotExist();
        assertThat(location.describe()).startsWith("SQLite store in");
    }
}
