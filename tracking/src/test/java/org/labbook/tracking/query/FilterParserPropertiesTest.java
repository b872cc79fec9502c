package org.labbook.tracking.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import org.labbook.tracking.RunStatus;
import org.labbook.tracking.query.Filter.Compare;

/**
 * Fuzzing: whatever text comes in, the parser returns a tree whose canonical text parses back to it,
 * or throws {@link FilterSyntaxException} with a sane column and a one-line message; it never throws
 * anything else and never hangs. 100,000 fuzzed inputs in all, plus generated trees.
 */
class FilterParserPropertiesTest {

    /**
     * Parsing runs on its own thread so that a hang fails the property after a timeout instead of
     * stalling the build; one reused thread keeps the cost per input to microseconds.
     */
    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "filter-fuzz");
        thread.setDaemon(true);
        return thread;
    });

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

    @AfterContainer
    static void stopWorker() {
        WORKER.shutdownNow();
    }

    @Property(tries = 50_000)
    void anyTextParsesOrFailsOnlyWithASyntaxError(@ForAll("anyText") String text) {
        parsesOrFailsCleanly(text, "filter", FilterParser::parse);
    }

    @Property(tries = 50_000)
    void grammarShapedTextParsesOrFailsOnlyWithASyntaxError(@ForAll("grammarShapedText") String text) {
        parsesOrFailsCleanly(text, "filter", FilterParser::parse);
    }

    @Property(tries = 5_000)
    void anyTextParsesAsAnOrderByOrFailsOnlyWithASyntaxError(@ForAll("orderByShapedText") String text) {
        parsesOrFailsCleanly(text, "order-by", FilterParser::parseOrderByList);
    }

    @Property(tries = 10_000)
    void generatedFiltersRoundTripThroughTheirCanonicalText(@ForAll("filters") Filter filter) {
        assertThat(FilterParser.parse(filter.toString())).isEqualTo(filter);
    }

    @Property(tries = 2_000)
    void generatedOrderByListsRoundTripThroughTheirCanonicalText(@ForAll("orderByLists") List<OrderBy> orderBys) {
        String text = orderBys.stream().map(OrderBy::toString).collect(Collectors.joining(", "));

        assertThat(FilterParser.parseOrderByList(text)).isEqualTo(orderBys);
    }

    private static void parsesOrFailsCleanly(String text, String subject, Function<String, Object> parse) {
        Future<Object> result = WORKER.submit(() -> parse.apply(text));
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
            fail("parsing did not finish within " + TIMEOUT_SECONDS + " s: " + Lexer.shorten(text));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.strings().all().ofMaxLength(60)),
                Tuple.of(10, Arbitraries.strings().withChars(GRAMMAR_CHARACTERS).ofMaxLength(80)),
                Tuple.of(1, Arbitraries.strings().withChars("(`'\" notaNOT").ofMinLength(9_900)
                        .ofMaxLength(10_100)));
    }

    @Provide
    Arbitrary<String> grammarShapedText() {
        // Built straight from a Random: jqwik's list and flatMap combinators cost far more per value than parsing.
        Arbitrary<String> tokenSequences = Arbitraries.randoms().map(random -> randomTokens(random, " "));
        Arbitrary<String> tokensWithoutSpaces = Arbitraries.randoms().map(random -> randomTokens(random, ""));
        Arbitrary<String> validText = Arbitraries.randoms().map(random -> randomFilter(random, 3).toString());
        Arbitrary<String> base = Arbitraries.oneOf(tokenSequences, tokensWithoutSpaces, validText);
        return Combinators.combine(base, Arbitraries.randoms()).as(FilterParserPropertiesTest::mutate);
    }

    @Provide
    Arbitrary<String> orderByShapedText() {
        Arbitrary<String> sortKeys = Arbitraries.of("metrics.acc", "params.`a b`", "start_time", "desc", "ASC", ",",
                "datasets.name", "max(metrics.x)", "(", "'x'").list().ofMaxSize(8).map(tokens -> String.join(" ", tokens));
        return Combinators.combine(sortKeys, Arbitraries.randoms()).as(FilterParserPropertiesTest::mutate);
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

    /**
     * Trees up to depth 4 with keys and texts that are either tricky samples or random characters,
     * lone surrogates included. Built from a Random because jqwik's recursive flatMap generators cost
     * milliseconds per tree; the seed jqwik reports still reproduces a failure.
     */
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

    @Provide
    Arbitrary<Filter> filters() {
        return Arbitraries.randoms().map(random -> randomFilter(random, 4));
    }

    @Provide
    Arbitrary<List<OrderBy>> orderByLists() {
        Arbitrary<Operand> sortable = operands().filter(operand -> operand.kind() != Operand.Kind.DATASET);
        return Combinators.combine(sortable, Arbitraries.of(true, false)).as(OrderBy::new).list().ofMinSize(1).ofMaxSize(4);
    }

    private static Arbitrary<Operand> operands() {
        Arbitrary<String> keys = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').withChars("_./-0123456789").ofMinLength(1).ofMaxLength(12),
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(16).filter(key -> !key.isBlank()),
                Arbitraries.of("and", "NOT", "min", "status", "a`b", "a'b", "a\"b", "val loss", "x\\y"));
        return Arbitraries.oneOf(
                keys.map(Operand::metric),
                keys.map(Operand::minOf),
                keys.map(Operand::maxOf),
                keys.map(Operand::param),
                keys.map(Operand::tag),
                Arbitraries.of(Attribute.class).map(Operand::attribute),
                Arbitraries.of(Operand.DATASET_KEYS).map(Operand::dataset));
    }
}
