package org.labbook.magics.grammar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

/** The sweep rows of the grammar: {@code %%track sweep}, {@code %track sweep show}, {@code %track best --sweep}. */
class SweepGrammarTest {

    @Test
    void theSweepCellKeepsItsOptionsAndItsSpaceText() {
        String body = "lr: loguniform(1e-5, 1e-1)\nbatch: choice(16, 32, 64, 128)\n";
        assertThat(TrackParser.parseCell("sweep lr-search --experiment fraud/tuning --objective val_loss --minimize"
                + " --strategy tpe --trials 60 --seed 7 --prune median", body))
                .isEqualTo(new TrackCommand.SweepCell("lr-search", Optional.of("fraud/tuning"), "val_loss", false,
                        Optional.of("tpe"), OptionalInt.of(60), OptionalLong.of(7), Optional.of("median"), body));
        assertThat(TrackParser.parseCell("sweep s --objective acc --maximize --strategy grid(5)", "x: uniform(0, 1)"))
                .isEqualTo(new TrackCommand.SweepCell("s", Optional.empty(), "acc", true, Optional.of("grid(5)"),
                        OptionalInt.empty(), OptionalLong.empty(), Optional.empty(), "x: uniform(0, 1)"));
    }

    @Test
    void everyOptionOfTheSweepCellIsCoveredAbove() {
        String covered = "--experiment --objective --minimize --strategy --trials --seed --prune --maximize";
        for (OptionSpec o : Subcommands.findCell("sweep").orElseThrow().options()) {
            assertThat(covered).contains(o.name());
        }
    }

    @Test
    void theLineMagicsShowASweepAndItsBestTrial() {
        assertThat(TrackParser.parseLine("sweep show lr-search")).isEqualTo(new TrackCommand.SweepShow("lr-search"));
        assertThat(TrackParser.parseLine("best --sweep lr-search")).isEqualTo(new TrackCommand.SweepBest("lr-search"));
        assertThat(TrackParser.parseLine("best val_loss")).isInstanceOf(TrackCommand.Best.class);
    }

    @Test
    void mistakesGetOneLineWithTheUsage() {
        assertRefused(() -> TrackParser.parseCell("sweep s", "x: uniform(0, 1)"), "Missing --objective METRIC",
                "Usage: %%track sweep NAME --objective METRIC");
        assertRefused(() -> TrackParser.parseCell("sweep s --objective l --minimize --maximize", ""),
                "--minimize and --maximize exclude each other", "Usage: %%track sweep");
        assertRefused(() -> TrackParser.parseCell("sweep --objective l", ""), "", "Usage: %%track sweep");
        assertRefused(() -> TrackParser.parseCell("sweep s --objective l --trials 0", ""), "--trials", "Usage:");
        assertRefused(() -> TrackParser.parseCell("sweep s --objective l --trails 5", ""),
                "Unknown option '--trails'", "Usage:");
        assertRefused(() -> TrackParser.parseLine("sweep list x"), "Unknown action 'list'", "Usage: %track sweep show NAME");
        assertRefused(() -> TrackParser.parseLine("sweep show"), "", "Usage: %track sweep show NAME");
        assertRefused(() -> TrackParser.parseLine("best --sweep s val_loss"), "--sweep takes no METRIC", "Usage:");
        assertRefused(() -> TrackParser.parseLine("best"), "%track best needs an argument", "Usage: %track best");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String what,
                                      String usage) {
        assertThatThrownBy(call).isInstanceOf(TrackSyntaxException.class).hasMessageContaining(what)
                .hasMessageContaining(usage).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void helpListsTheCellAndTheLineMagic() {
        assertThat(Subcommands.helpOverview()).contains("%%track sweep").contains("%track sweep");
        assertThat(Subcommands.findCell("sweep")).hasValueSatisfying(s -> assertThat(s.cellMagic()).isTrue());
        assertThat(Subcommands.find("sweep")).hasValueSatisfying(s -> assertThat(s.cellMagic()).isFalse());
    }
}
