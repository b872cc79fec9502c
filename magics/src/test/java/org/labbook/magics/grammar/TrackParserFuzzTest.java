package org.labbook.magics.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever a user types, the parser either returns a command or throws its own one-line error; no other
 * exception escapes. 100,000 generated lines, 20,000 generated cells and 300 very long lines.
 */
class TrackParserFuzzTest {

    /** Pieces that exercise the grammar's corners, glued together at random. */
    private static final List<String> FRAGMENTS = List.of(
            "start", "end", "param", "metric", "tag", "note", "artifact", "dataset", "seed", "runs", "show", "compare",
            "best", "delete", "restore", "experiments", "store", "help", "params", "snapshot", "export", "diff",
            "notebook", "live", "strat", "--experiment", "--experimnt", "--tag", "--note", "--nested", "--parent",
            "--status", "--step", "--filter", "--order-by", "--limit", "--metric", "--x", "--max", "--min", "--name",
            "--to", "--help", "-h", "--", "-", "-e", "=", "==", "'", "\"", "\\", "\\\"", "\\'", "#", " ", "  ", "\t", "\n",
            "\r\n", "lr=0.001", "k=v", "name=\"two words\"", "x=", "=y", "42", "-7", "1.5", "1e309", "nan", "-inf",
            "99999999999999999999", "asc", "desc", "step", "time", "finished", "killed", "last", "a1b2", "\u0000",
            "é", "日本", "🎉", "\uD800", "\uDC00", "\u202E", "\u00A0", "\u2028");

    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> fragment = Arbitraries.oneOf(
                Arbitraries.of(FRAGMENTS),
                Arbitraries.strings().all().ofMaxLength(8),
                Arbitraries.strings().withChars("'\"\\=- #\t").ofMaxLength(6));
        return fragment.list().ofMaxSize(24).map(parts -> String.join("", parts));
    }

    @Property(tries = 100_000)
    void lineParserThrowsOnlyItsOwnOneLineErrors(@ForAll("lines") String line) {
        parseLineExpectingOnlySyntaxErrors(line);
    }

    @Property(tries = 20_000)
    void cellParserThrowsOnlyItsOwnOneLineErrors(@ForAll("lines") String firstLine, @ForAll("lines") String body) {
        try {
            assertThat(TrackParser.parseCell(firstLine, body)).isInstanceOf(TrackCommand.ParamsCell.class);
        } catch (TrackSyntaxException expected) {
            assertOneLine(expected);
        }
    }

    @Provide
    Arbitrary<String> longLines() {
        Arbitrary<String> fragment = Arbitraries.oneOf(Arbitraries.of(FRAGMENTS), Arbitraries.strings().all().ofMaxLength(64));
        return Arbitraries.integers().between(1_000, 100_000).flatMap(size ->
                fragment.list().ofMinSize(10).ofMaxSize(200).map(parts -> {
                    StringBuilder text = new StringBuilder(size);
                    while (text.length() < size) {
                        for (String part : parts) {
                            text.append(part);
                        }
                    }
                    return text.substring(0, size);
                }));
    }

    @Property(tries = 300)
    void veryLongLinesAreHandledLikeShortOnes(@ForAll("longLines") String line) {
        parseLineExpectingOnlySyntaxErrors(line);
        parseLineExpectingOnlySyntaxErrors("note " + line);
        parseLineExpectingOnlySyntaxErrors("start --" + line.replace("'", "").replace("\"", "").replace("\\", ""));
    }

    private static void parseLineExpectingOnlySyntaxErrors(String line) {
        try {
            assertThat(TrackParser.parseLine(line)).isNotNull();
        } catch (TrackSyntaxException expected) {
            assertOneLine(expected);
        }
    }

    private static void assertOneLine(TrackSyntaxException error) {
        assertThat(error.getMessage()).doesNotContain("\n").doesNotContain("\r").hasSizeLessThan(1_000);
    }
}
