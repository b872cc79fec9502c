package org.labbook.magics.grammar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's {@code %track} reference is what {@link TrackReference} writes from the grammar table.
 * Run with {@code -Dlabbook.readme.update=true} to rewrite it after a change to the table.
 */
class TrackReferenceTest {
    private static final Path README = Path.of("README.md");

    @Test
    void readmeReferenceMatchesTheGrammarTable() throws IOException {
        String document = Files.readString(README);
        String expected = TrackReference.rewrite(document);
        if (Boolean.getBoolean("labbook.readme.update")) {
            Files.writeString(README, expected);
            document = expected;
        }
        assertThat(document).as("the %%track reference in magics/README.md differs from grammar/Subcommands.java;"
                + " rewrite it with: mvn -B -q -pl magics -am test -Dtest=TrackReferenceTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dlabbook.readme.update=true").isEqualTo(expected);
    }

    @Test
    void everySubcommandHasARow() {
        String table = TrackReference.markdown();
        for (Subcommand s : Subcommands.TABLE) {
            assertThat(table).contains("| `" + s.usage().replace("|", "\\|") + "` |");
        }
        assertThat(table.lines().count()).isEqualTo(Subcommands.TABLE.size() + 2);
    }

    @Test
    void documentWithoutMarkersIsRefused() {
        assertThatThrownBy(() -> TrackReference.rewrite("# no reference here\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(TrackReference.BEGIN);
    }
}
