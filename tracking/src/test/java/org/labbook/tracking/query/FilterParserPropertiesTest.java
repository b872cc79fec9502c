package org.labbook.tracking.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.labbook.tracking.RunStatus;
import org.labbook.tracking.query.Filter.Compare;
import org.labbook.tracking.testkit.Fuzz;

/**
 * Fuzzing: whatever text comes in, the parser returns a tree whose canonical text parses back to it,
 * or throws {@link FilterSyntaxException} with a sane column and a one-line message; it never throws
 * anything else and never hangs. 100,000 fuzzed inputs in all, plus generated trees.
 *
 * <p>Inputs come from a fixed seed, so every build checks the same ones and a failure repeats;
 * {@code -Dlabbook.fuzz.seed=N} checks others. A failure names the seed and the input, a fuzzed text
 * shortened to a smaller one that still fails (see {@link Fuzz}).
 */
class FilterParserPropertiesTest {

    /**
     * Parsing runs on its own thread so that a hang fails the property after a timeout instead of
     * stalling the build; one reused thread keeps the cost per input to microseconds. A thread that
     * hung is left behind and replaced, so the inputs after it are still checked.
     */
    private static ExecutorService worker = newWorker();

    /** Generous: the longest legal input parses in well under a millisecond. */
    private static final long TIMEOUT_SECONDS = 10;

    private static final String GRAMMAR_CHARACTERS =
            " \t\n'\"`()=!<>,.+-_/\\%eE0123456789aAnNdDoOrRtTiIlLkKsSuUmMxXfF";

    private static final List<String> TOKENS = List.of(
            "metrics.acc", "metric.`val loss`", "params.lr", "param.\"a.b\"", "tags.type", "attributes.status",
            "status", "start_time", "end_time", "run_name", "user", "experiment", "run_id", "created",
            "datasets.name", "datasets.digest", "datasets.size", "min(", "max(", "metrics.", "`", "\"", "'",
            "unknown", "val.acc", "metrics.train/loss",
            "=", "==", "!=", "<>", "<", "<=", ">", ">=", "!", "LIKE", "ilike", "IN", "NOT", "IS", "NULL", "not in",
            "is not null", "0.9", "-1", "1e-3", "1e", ".5", "NaN", "-Infinity", "+inf", "'0.001'", "'FINISHED'",
            "'finished'", "\"x\"", "'it''s'", "'a\\'b'", "'%a_'", "64", "1e999", "1.2.3",
            "(", ")", ",", "and", "OR", "not", "AND", "asc", "desc", " ", "\n", "😀", "é", "\u0000", "#");

    private static final List<String> SORT_TOKENS = List.of(
            "metrics.acc", "params.`a b`", "start_time", "desc", "ASC", ",", "datasets.name", "max(metrics.x)", "(",
            "'x'");

    private Fuzz fuzz;

    @BeforeEach
    void seedPerProperty(TestInfo test) {
        // Each property draws its own inputs, whichever ran before it.
        fuzz = Fuzz.forTest(test);
    }

    @AfterAll
    static void stopWorker() {
        worker.shutdownNow();
    }

    @Test
    void anyTextParsesOrFailsOnlyWithASyntaxError() {
        fuzz.forAllTexts(50_000, FilterParserPropertiesTest::anyText,
                text -> parsesOrFailsCleanly(text, "filter", FilterParser::parse));
    }

    @Test
    void grammarShapedTextParsesOrFailsOnlyWithASyntaxError() {
        fuzz.forAllTexts(50_000, random -> mutate(grammarShapedText(random), random),
                text -> parsesOrFailsCleanly(text, "filter", FilterParser::parse));
    }

    @Test
    void anyTextParsesAsAnOrderByOrFailsOnlyWithASyntaxError() {
        fuzz.forAllTexts(5_000, random -> mutate(orderByShapedText(random), random),
                text -> parsesOrFailsCleanly(text, "order-by", FilterParser::parseOrderByList));
    }

    @Test
    void generatedFiltersRoundTripThroughTheirCanonicalText() {
        fuzz.forAll(10_000, random -> randomFilter(random, 4),
                filter -> assertThat(FilterParser.parse(filter.toString())).isEqualTo(filter));
    }

    @Test
    void generatedOrderByListsRoundTripThroughTheirCanonicalText() {
        fuzz.forAll(2_000, FilterParserPropertiesTest::orderByList, orderBys -> {
            String text = orderBys.stream().map(OrderBy::toString).collect(Collectors.joining(", "));

            assertThat(FilterParser.parseOrderByList(text)).isEqualTo(orderBys);
        });
    }

    /** Thrown when parsing did not finish in time; not shrunk, since every smaller try could take as long. */
    private static final class ParsingHung extends Fuzz.Unshrinkable {
        ParsingHung(String message) {
            super(message);
        }
    }

    private static void parsesOrFailsCleanly(String text, String subject, Function<String, Object> parse) {
        Future<Object> result = worker.submit(() -> parse.apply(text));
        try {
            Object parsed = result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (parsed instanceof Filter filter) {
                assertThat(FilterParser.parse(filter.toString())).as("round trip of %s", filter).isEqualTo(filter);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof FilterSyntaxException error)) {
                throw new AssertionError("parsing threw " + e.getCause() + " instead of FilterSyntaxException", e.getCause());
            }
            assertThat(error.column()).isBetween(1, text.codePointCount(0, text.length()) + 1);
            assertThat(error.getMessage()).startsWith("Bad " + subject + " at column " + error.column() + ": ")
                    .doesNotContain("\n").doesNotContain("\r").doesNotContain("\u2028").hasSizeLessThan(1500);
            assertThat(error.caretLine()).contains("^").hasLineCount(2);
        } catch (TimeoutException e) {
            result.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            throw new ParsingHung("parsing did not finish within " + TIMEOUT_SECONDS + " s: " + Lexer.shorten(text));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "filter-fuzz");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Mostly short texts of any characters or of the grammar's own; now and then 10,000 of nesting and quotes. */
    private static String anyText(Random random) {
        int pick = random.nextInt(21);
        if (pick < 10) {
            return anyUnits(random, 0, 60);
        }
        return pick < 20 ? unitsFrom(random, GRAMMAR_CHARACTERS, 0, 80)
                : unitsFrom(random, "(`'\" notaNOT", 9_900, 10_100);
    }

    private static String grammarShapedText(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> randomTokens(random, " ");
            case 1 -> randomTokens(random, "");
            default -> randomFilter(random, 3).toString();
        };
    }

    private static String orderByShapedText(Random random) {
        List<String> tokens = new ArrayList<>();
        for (int i = random.nextInt(9); i > 0; i--) {
            tokens.add(SORT_TOKENS.get(random.nextInt(SORT_TOKENS.size())));
        }
        return String.join(" ", tokens);
    }

    private static String randomTokens(Random random, String separator) {
        StringBuilder out = new StringBuilder();
        for (int i = random.nextInt(26); i > 0; i--) {
            out.append(TOKENS.get(random.nextInt(TOKENS.size()))).append(separator);
        }
        return out.toString();
    }

    /**
     * Up to three edits a typist or a broken generator could make: drop a span, insert a character
     * or token, duplicate a span. A third of the inputs stay untouched so valid text is exercised too.
     */
    private static String mutate(String text, Random random) {
        StringBuilder out = new StringBuilder(text);
        int edits = random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = random.nextInt(out.length() + 1);
            switch (random.nextInt(3)) {
                case 0 -> out.delete(at, Math.min(out.length(), at + 1 + random.nextInt(4)));
                case 1 -> out.insert(at, random.nextBoolean()
                        ? String.valueOf(GRAMMAR_CHARACTERS.charAt(random.nextInt(GRAMMAR_CHARACTERS.length())))
                        : TOKENS.get(random.nextInt(TOKENS.size())));
                default -> {
                    int end = Math.min(out.length(), at + random.nextInt(12));
                    out.insert(end, out.substring(at, end));
                }
            }
        }
        return out.toString();
    }

    private static final List<String> SAMPLE_KEYS = List.of(
            "acc", "val_loss", "train/loss", "a.b", "val loss", "a`b", "it's", "and", "x\\y", "é", "😀", "a\nb");
    private static final List<String> SAMPLE_TEXTS = List.of(
            "", "adam", "'", "''", "\\", "\\'", "\"", "%_", "a\\%", "\n", "0.001", "日本", "😀", "\u0000");
    private static final double[] SAMPLE_NUMBERS = {
        0, -0.0, 1, -1, 0.5, 1e-4, 1e15, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.MIN_VALUE, Double.MAX_VALUE};

    /** A valid tree of at most the given depth, made with the public constructors so it obeys their rules. */
    private static Filter randomFilter(Random random, int depth) {
        int pick = depth == 0 ? 0 : random.nextInt(8);
        if (pick < 3) {
            return randomCompare(random);
        }
        if (pick == 7) {
            return new Filter.Not(randomFilter(random, depth - 1));
        }
        Filter left = randomFilter(random, depth - 1);
        Filter right = randomFilter(random, depth - 1);
        return pick < 5 ? new Filter.And(left, right) : new Filter.Or(left, right);
    }

    private static Compare randomCompare(Random random) {
        String key = random.nextBoolean() ? SAMPLE_KEYS.get(random.nextInt(SAMPLE_KEYS.size())) : randomText(random);
        if (key.isBlank()) {
            key = "k" + key;
        }
        Operand operand = switch (random.nextInt(7)) {
            case 0 -> Operand.metric(key);
            case 1 -> random.nextBoolean() ? Operand.minOf(key) : Operand.maxOf(key);
            case 2 -> Operand.param(key);
            case 3 -> Operand.tag(key);
            case 4 -> Operand.dataset(Operand.DATASET_KEYS.get(random.nextInt(Operand.DATASET_KEYS.size())));
            default -> Operand.attribute(Attribute.values()[random.nextInt(Attribute.values().length)]);
        };
        Op[] ops = Arrays.stream(Op.values()).filter(op -> Compare.operatorProblem(operand, op) == null).toArray(Op[]::new);
        Op op = ops[random.nextInt(ops.length)];
        int count = op.takesNoValue() ? 0 : op.takesList() ? 1 + random.nextInt(3) : 1;
        Literal[] values = new Literal[count];
        for (int i = 0; i < count; i++) {
            if (operand.isNumeric()) {
                values[i] = Literal.of(random.nextBoolean() ? SAMPLE_NUMBERS[random.nextInt(SAMPLE_NUMBERS.length)]
                        : Double.longBitsToDouble(random.nextLong()));
            } else if (operand.asAttribute().orElse(null) == Attribute.STATUS && !op.isPattern()) {
                values[i] = Literal.of(RunStatus.values()[random.nextInt(RunStatus.values().length)].name());
            } else {
                values[i] = Literal.of(random.nextBoolean() ? SAMPLE_TEXTS.get(random.nextInt(SAMPLE_TEXTS.size()))
                        : randomText(random));
            }
        }
        return Compare.of(operand, op, values);
    }

    /** Up to 12 characters from anywhere in Unicode, lone surrogates and control characters included. */
    private static String randomText(Random random) {
        StringBuilder out = new StringBuilder();
        for (int i = random.nextInt(13); i > 0; i--) {
            int pick = random.nextInt(4);
            if (pick == 0) {
                out.append((char) random.nextInt(0x10000));
            } else if (pick == 1) {
                out.appendCodePoint(random.nextInt(Character.MAX_CODE_POINT + 1));
            } else {
                out.append(GRAMMAR_CHARACTERS.charAt(random.nextInt(GRAMMAR_CHARACTERS.length())));
            }
        }
        return out.toString();
    }

    /** One to four sort keys of every kind a run can be sorted by; datasets cannot. */
    /** A valid list: each key at most once, as the parser requires. */
    private static List<OrderBy> orderByList(Random random) {
        List<OrderBy> orderBys = new ArrayList<>();
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            Operand operand = switch (random.nextInt(6)) {
                case 0 -> Operand.metric(randomKey(random));
                case 1 -> Operand.minOf(randomKey(random));
                case 2 -> Operand.maxOf(randomKey(random));
                case 3 -> Operand.param(randomKey(random));
                case 4 -> Operand.tag(randomKey(random));
                default -> Operand.attribute(Attribute.values()[random.nextInt(Attribute.values().length)]);
            };
            if (orderBys.stream().noneMatch(o -> o.operand().equals(operand))) {
                orderBys.add(new OrderBy(operand, random.nextBoolean()));
            }
        }
        return orderBys;
    }

    private static final List<String> TRICKY_KEYS =
            List.of("and", "NOT", "min", "status", "a`b", "a'b", "a\"b", "val loss", "x\\y");

    /** A plain key, a key of any characters but not blank, or a key that looks like syntax. */
    private static String randomKey(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> unitsFrom(random, "abcdefghijklmnopqrstuvwxyz_./-0123456789", 1, 12);
            case 1 -> {
                String key = anyUnits(random, 1, 16);
                while (key.isBlank()) {
                    key = anyUnits(random, 1, 16);
                }
                yield key;
            }
            default -> TRICKY_KEYS.get(random.nextInt(TRICKY_KEYS.size()));
        };
    }

    /** Lone surrogates and control characters included. */
    private static String anyUnits(Random random, int minLength, int maxLength) {
        char[] units = new char[minLength + random.nextInt(maxLength - minLength + 1)];
        for (int i = 0; i < units.length; i++) {
            units[i] = (char) random.nextInt(Character.MAX_VALUE + 1);
        }
        return new String(units);
    }

    private static String unitsFrom(Random random, String alphabet, int minLength, int maxLength) {
        char[] units = new char[minLength + random.nextInt(maxLength - minLength + 1)];
        for (int i = 0; i < units.length; i++) {
            units[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(units);
    }
}
