package org.labbook.magics.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.labbook.tracking.testkit.Fuzz;

/**
 * Whatever a user types, the parser either returns a command or throws its own one-line error; no other
 * exception escapes. 100,000 generated lines, 20,000 generated cells and 300 very long lines.
 *
 * <p>Inputs come from a fixed seed, so every build checks the same ones and a failure repeats;
 * {@code -Dlabbook.fuzz.seed=N} checks others. A failure names the seed and the input, shortened to
 * a smaller one that still fails (see {@link Fuzz}).
 */
class TrackParserFuzzTest {

    /** Pieces that exercise the grammar's corners, glued together at random. */
    private static final List<String> FRAGMENTS = List.of(
            "start", "end", "param", "metric", "tag", "note", "artifact", "dataset", "seed", "runs", "show", "compare",
            "best", "delete", "restore", "experiments", "store", "help", "params", "snapshot", "export", "diff",
            "notebook", "live", "register", "models", "promote", "demote", "lineage", "--model", "--artifact", "--if",
            "--compare-to", "--from", "--archive", "--restore", "--all", "fraud-detector@production",
            "sweep", "--sweep", "--objective", "--maximize", "--strategy", "--trials", "--prune",
            "strat", "--experiment", "--experimnt", "--tag", "--note", "--nested", "--parent",
            "--status", "--step", "--filter", "--order-by", "--limit", "--metric", "--x", "--max", "--min", "--name",
            "--to", "--help", "-h", "--", "-", "-e", "=", "==", "'", "\"", "\\", "\\\"", "\\'", "#", " ", "  ", "\t", "\n",
            "\r\n", "lr=0.001", "k=v", "name=\"two words\"", "x=", "=y", "42", "-7", "1.5", "1e309", "nan", "-inf",
            "99999999999999999999", "asc", "desc", "step", "time", "finished", "killed", "last", "a1b2", "\u0000",
            "é", "日本", "🎉", "\uD800", "\uDC00", "\u202E", "\u00A0", "\u2028");

    private static final String QUOTING = "'\"\\=- #\t";

    private Fuzz fuzz;

    @BeforeEach
    void seedPerProperty(TestInfo test) {
        // Each property draws its own inputs, whichever ran before it.
        fuzz = Fuzz.forTest(test);
    }

    @Test
    void lineParserThrowsOnlyItsOwnOneLineErrors() {
        fuzz.forAllTexts(100_000, TrackParserFuzzTest::line, TrackParserFuzzTest::parseLineExpectingOnlySyntaxErrors);
    }

    record Cell(String firstLine, String body) {}

    @Test
    void cellParserThrowsOnlyItsOwnOneLineErrors() {
        Consumer<Cell> check = cell -> {
            try {
                assertThat(TrackParser.parseCell(cell.firstLine(), cell.body()))
                        .isInstanceOfAny(TrackCommand.ParamsCell.class, TrackCommand.SweepCell.class);
            } catch (TrackSyntaxException expected) {
                assertOneLine(expected);
            }
        };
        fuzz.forAll(20_000, random -> new Cell(line(random), line(random)), check, (cell, fails) -> {
            String firstLine = Fuzz.shrinkText(cell.firstLine(), shorter -> fails.test(new Cell(shorter, cell.body())));
            String body = Fuzz.shrinkText(cell.body(), shorter -> fails.test(new Cell(firstLine, shorter)));
            return new Cell(firstLine, body);
        });
    }

    @Test
    void veryLongLinesAreHandledLikeShortOnes() {
        fuzz.forAllTexts(300, TrackParserFuzzTest::longLine, line -> {
            parseLineExpectingOnlySyntaxErrors(line);
            parseLineExpectingOnlySyntaxErrors("note " + line);
            parseLineExpectingOnlySyntaxErrors("start --" + line.replace("'", "").replace("\"", "").replace("\\", ""));
        });
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

    /** Up to 24 fragments: grammar words, runs of quoting characters, or any UTF-16 units at all. */
    private static String line(Random random) {
        StringBuilder line = new StringBuilder();
        for (int parts = random.nextInt(25); parts > 0; parts--) {
            line.append(switch (random.nextInt(3)) {
                case 0 -> FRAGMENTS.get(random.nextInt(FRAGMENTS.size()));
                case 1 -> anyUnits(random, 0, 8);
                default -> unitsFrom(random, QUOTING, 6);
            });
        }
        return line.toString();
    }

    /**
     * 1,000 to 100,000 characters: a pattern of 10 to 200 pieces repeated. Random pieces are never empty
     * so the pattern always grows the line.
     */
    private static String longLine(Random random) {
        int size = 1_000 + random.nextInt(99_001);
        List<String> pattern = new ArrayList<>();
        for (int parts = 10 + random.nextInt(191); parts > 0; parts--) {
            pattern.add(random.nextBoolean() ? FRAGMENTS.get(random.nextInt(FRAGMENTS.size())) : anyUnits(random, 1, 64));
        }
        StringBuilder text = new StringBuilder(size + 64 * pattern.size());
        while (text.length() < size) {
            pattern.forEach(text::append);
        }
        return text.substring(0, size);
    }

    /** Lone surrogates and control characters included: a paste can bring anything. */
    private static String anyUnits(Random random, int minLength, int maxLength) {
        char[] units = new char[minLength + random.nextInt(maxLength - minLength + 1)];
        for (int i = 0; i < units.length; i++) {
            units[i] = (char) random.nextInt(Character.MAX_VALUE + 1);
        }
        return new String(units);
    }

    private static String unitsFrom(Random random, String alphabet, int maxLength) {
        char[] units = new char[random.nextInt(maxLength + 1)];
        for (int i = 0; i < units.length; i++) {
            units[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(units);
    }
}
