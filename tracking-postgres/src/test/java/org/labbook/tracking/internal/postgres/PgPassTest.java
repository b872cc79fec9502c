package org.labbook.tracking.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The password file read as libpq reads it. */
class PgPassTest {
    @TempDir
    Path tempDir;

    @Test
    void firstMatchingLineWinsAndStarsMatchAnything() {
        List<String> lines = List.of(
                "# team servers",
                "",
                "db.example:5432:lab:ada:first",
                "db.example:5432:lab:ada:second",
                "*:*:*:bob:bobs",
                "db.example:*:*:*:any-user-on-db",
                "*:*:*:*:fallback");
        assertThat(PgPass.lookup(lines, "db.example", 5432, "lab", "ada")).contains("first");
        assertThat(PgPass.lookup(lines, "other.example", 6000, "x", "bob")).contains("bobs");
        assertThat(PgPass.lookup(lines, "db.example", 6000, "x", "carol")).contains("any-user-on-db");
        assertThat(PgPass.lookup(lines, "elsewhere", 5432, "lab", "ada")).contains("fallback");
        assertThat(PgPass.lookup(lines.subList(0, 4), "db.example", 5433, "lab", "ada")).as("port differs").isEmpty();
    }

    @Test
    void escapedColonsAndBackslashesAreUnescapedInEveryField() {
        List<String> lines = List.of(
                "db.example:5432:lab\\:2024:ada:pa\\:ss\\\\word",
                "db.example:5432:lab:ada:colons:left:as:written");
        assertThat(PgPass.lookup(lines, "db.example", 5432, "lab:2024", "ada")).contains("pa:ss\\word");
        assertThat(PgPass.lookup(lines, "db.example", 5432, "lab", "ada")).as("the password is the rest of the line")
                .contains("colons:left:as:written");
    }

    @Test
    void anEscapedStarIsAStarNotAWildcardAndShortLinesAreSkipped() {
        List<String> lines = List.of("\\*:5432:lab:ada:literal", "db.example:5432:lab", "db.example:5432:lab:ada:good\r");
        assertThat(PgPass.lookup(lines, "db.example", 5432, "lab", "ada")).contains("good");
        assertThat(PgPass.lookup(lines, "*", 5432, "lab", "ada")).contains("literal");
    }

    @Test
    void fileIsPgpassfileElseDotPgpassInTheHomeFolderAndAMissingOneGivesNothing() throws IOException {
        Path home = Files.createDirectories(tempDir.resolve("home"));
        Path explicit = Files.writeString(tempDir.resolve("team.pgpass"), "*:*:*:*:from-pgpassfile\n");
        assertThat(PgPass.location(Map.of("PGPASSFILE", explicit.toString()), home)).isEqualTo(explicit);
        assertThat(PgPass.location(Map.of(), home)).isEqualTo(home.resolve(".pgpass"));
        assertThat(PgPass.lookup(explicit, "h", 5432, "d", "u")).contains("from-pgpassfile");
        assertThat(PgPass.lookup(home.resolve(".pgpass"), "h", 5432, "d", "u")).isEmpty();
    }
}
