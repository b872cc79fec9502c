package org.labbook.tracking.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.labbook.tracking.TrackingException;

/** Every way a filter or order-by can be wrong, the column each is reported at and the words of its message. */
class FilterSyntaxErrorTest {

    @ParameterizedTest(name = "[{index}] {0}  ->  column {1}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '~', textBlock = """
            metrics.x ! 1                        | 11 | '!' alone is not an operator. Write !=
            params.x = 'abc                      | 12 | the text starting here is never closed. End it with '
            params.x = "abc                      | 12 | the text starting here is never closed. End it with "
            params.x = 'ends in backslash\\      | 12 | never closed
            params.x = 'it''s                    | 12 | never closed
            metrics.`abc > 1                     | 9  | the key starting here is never closed. End it with `
            metrics.x > -                        | 13 | '-' must start a number
            metrics.x > +foo                     | 13 | '+' must start a number
            metrics.x > 1.2.3                    | 13 | malformed number '1.2.3'
            metrics.x > 1e                       | 13 | malformed number '1e'
            metrics.x > 1e+                      | 13 | malformed number '1e+'
            metrics.x > 12abc                    | 13 | malformed number '12abc'
            metrics.x > 1e999                    | 13 | too large for a double
            metrics.x > 1 # comment              | 15 | unexpected character '#' (U+0023)
            metrics.x > 1; drop table runs       | 14 | unexpected character ';'
            metrics.x > 1 @                      | 15 | Keys that contain it need backquotes
            a > 1                                | 1  | unknown key 'a'. Name a metric, param or tag with its prefix (metrics.a, params.a, tags.a) or use an attribute: run_id, run_name, status
            min > 1                              | 1  | unknown key 'min'
            val.acc > 1                          | 1  | unknown prefix 'val' in 'val.acc'. Use metrics., params., tags., attributes. or datasets.
            metrics > 1                          | 1  | 'metrics' needs a key after a dot, for example metrics.acc
            metrics. > 1                         | 10 | expected a key right after 'metrics.' but found '>'
            metrics.'x' > 1                      | 9  | expected a key right after 'metrics.' but found ''x''
            attributes.foo = 'x'                 | 1  | unknown attribute 'foo'. Attributes are: run_id, run_name, status, start_time
            datasets.size = 1                    | 1  | unknown dataset field 'size'. Dataset fields are: name, digest, location
            metrics.`` > 1                       | 1  | the key is empty
            metrics.`  ` > 1                     | 1  | the key is empty
            metrics.x foo 1                      | 11 | expected an operator (= != < <= > >= IN, NOT IN, IS NULL, IS NOT NULL) after 'metrics.x' but found 'foo'. Example: metrics.x > 0.9
            params.x foo 1                       | 10 | expected an operator (= != LIKE ILIKE IN, NOT IN, IS NULL, IS NOT NULL) after 'params.x' but found 'foo'. Example: params.x = 'value'
            metrics.x                            | 10 | after 'metrics.x' but found the end of the filter
            min(metrics.x)                       | 15 | after 'min(metrics.x)' but found the end of the filter. Example: min(metrics.x) < 0.2
            metrics.x >                          | 12 | expected a number or a quoted text after '>' but found the end of the filter. Example: metrics.x > 0.9
            params.x = foo                       | 12 | expected a number or a quoted text after '=' but found 'foo'. Put text in quotes, for example params.x = 'foo'
            metrics.x = NULL                     | 13 | NULL is not a value to compare with. Write metrics.x IS NULL or metrics.x IS NOT NULL
            metrics.x = (1)                      | 13 | expected a number or a quoted text after '=' but found '('
            metrics.x = 'a'                      | 13 | 'a' is text, but metrics.x is a number. Write a number without quotes, for example metrics.x > 0.9
            metrics.x IN (1, '2')                | 18 | '2' is text, but metrics.x is a number
            start_time > 'yesterday'             | 14 | 'yesterday' is text, but attributes.start_time is a number
            params.x > 1                         | 10 | > compares numbers, but params.x is text. Compare it with = != LIKE ILIKE IN, NOT IN, IS NULL, IS NOT NULL, for example params.x = 'value'; to compare a value as a number, log it as a metric
            tags.x <= 'b'                        | 8  | <= compares numbers, but tags.x is text
            status < 'RUNNING'                   | 8  | < compares numbers, but attributes.status is text
            metrics.x LIKE 'a'                   | 11 | LIKE matches text, but metrics.x is a number. Compare it with = != < <= > >= IN
            metrics.x NOT ILIKE 'a'              | 11 | ILIKE matches text, but metrics.x is a number
            end_time ILIKE '1%'                  | 10 | ILIKE matches text, but attributes.end_time is a number
            status = 'DONE'                      | 10 | unknown run status 'DONE'. Use one of RUNNING, FINISHED, FAILED, KILLED, CRASHED, for example status = 'FINISHED'
            status IN ('FINISHED', 'DONE')       | 24 | unknown run status 'DONE'
            status != 3                          | 11 | unknown run status '3'
            metrics.x IN 1                       | 14 | IN needs a list in parentheses but found '1'. Example: metrics.x IN (1, 2)
            params.x NOT IN 'a'                  | 17 | NOT IN needs a list in parentheses but found ''a''. Example: params.x NOT IN ('a', 'b')
            metrics.x IN ()                      | 15 | IN needs at least one value. Example: metrics.x IN (1, 2)
            metrics.x IN (1 2)                   | 17 | expected ',' or ')' in the IN list but found '2'
            metrics.x IN (1,                     | 17 | expected a number or a quoted text in the IN list but found the end of the filter
            metrics.x IN (1,)                    | 17 | expected a number or a quoted text in the IN list but found ')'
            metrics.x NOT 1                      | 15 | expected IN, LIKE or ILIKE after NOT but found '1'. Example: metrics.x NOT IN (1, 2)
            metrics.x IS 1                       | 14 | expected NULL or NOT NULL after IS but found '1'. Example: metrics.x IS NOT NULL
            metrics.x IS NOT                     | 17 | expected NULL or NOT NULL after IS but found the end of the filter
            min(params.x) > 1                    | 5  | min(...) applies to metrics only, for example min(metrics.val_loss) < 0.2
            max(status) > 1                      | 5  | max(...) applies to metrics only
            min(metrics.x > 1                    | 15 | expected ')' to close min( but found '>'
            min(min(metrics.x)) > 1              | 5  | unknown key 'min'
            metrics.acc > 0.9 params.lr = 1      | 19 | expected AND, OR or the end of the filter after 'metrics.acc > 0.9' but found 'params.lr'. Join clauses with AND or OR
            metrics.acc > 0.9)                   | 18 | expected AND, OR or the end of the filter after 'metrics.acc > 0.9' but found ')'
            metrics.x > 1,                       | 14 | expected AND, OR or the end of the filter after 'metrics.x > 1' but found ','
            (metrics.acc > 0.9                   | 19 | expected AND, OR or ')' to close the '(' at column 1 after 'metrics.acc > 0.9' but found the end of the filter. Add the missing )
            ((metrics.x > 1) foo)                | 18 | to close the '(' at column 1 after '(metrics.x > 1)' but found 'foo'
            ()                                   | 2  | expected a key such as metrics.acc, params.lr, tags.type or status but found ')'
            and metrics.x > 1                    | 1  | expected a key such as metrics.acc, params.lr, tags.type or status but found 'and'
            metrics.x > 1 and                    | 18 | expected a key such as metrics.acc, params.lr, tags.type or status but found the end of the filter
            metrics.x > 1 or or metrics.y > 1    | 18 | but found 'or'
            NOT                                  | 4  | but found the end of the filter
            metrics.x > 1 and not                | 22 | but found the end of the filter
            'x' = params.x                       | 1  | Quote only the name after the prefix, for example metrics.`val loss` or params."a.b"
            "x" = params.x                       | 1  | unknown key 'x'. Name a metric, param or tag with its prefix (metrics.x, params.x, tags.x)
            `val loss` > 1                       | 1  | unknown key 'val loss'. Name a metric, param or tag with its prefix (metrics.`val loss`, params.`val loss`, tags.`val loss`) or use an attribute: run_id
            `staus` = 'x'                        | 1  | unknown key 'staus'
            `` = 'x'                             | 1  | the key is empty. Name an attribute or a prefixed key
            `metrics` > 1                        | 1  | 'metrics' needs a key after a dot, for example metrics.acc
            `metricz`.a > 1                      | 1  | unknown prefix 'metricz' in '`metricz`.'. Use metrics., params., tags., attributes. or datasets.
            `metrics.a` > 1                      | 1  | unknown key 'metrics.a'
            `metrics`. a > 1                     | 12 | expected a key right after '`metrics`.' but found 'a'. Write it plain or in backquotes, for example `metrics`.acc or `metrics`.`val loss`
            `metrics`.'a' > 1                    | 11 | expected a key right after '`metrics`.' but found ''a''
            `metrics`. > 1                       | 12 | expected a key right after '`metrics`.' but found '>'
            `metrics`.                           | 11 | expected a key right after '`metrics`.' but found the end of the filter
            `metrics`.`` > 1                     | 1  | the key is empty
            `attributes`.foo = 'x'               | 1  | unknown attribute 'foo'
            attributes.`Run nam` = 'x'           | 1  | unknown attribute 'Run nam'
            `Run name` > 1                       | 12 | > compares numbers, but attributes.run_name is text
            min(`params`.x) > 1                  | 5  | min(...) applies to metrics only
            123 > metrics.x                      | 1  | expected a key such as metrics.acc, params.lr, tags.type or status but found '123'
            = 1                                  | 1  | but found '='
            tags.x = 'a' AND metrics.y < 'b'     | 30 | 'b' is text, but metrics.y is a number
            params.x = 'é' foo                   | 16 | but found 'foo'
            params.x = '😀' foo                  | 16 | but found 'foo'
            """)
    void everyMistakeIsReportedAtItsColumnWithTheRuleAndAFix(String text, int column, String messagePart) {
        FilterSyntaxException error = parseFailure(text);

        assertThat(error.column()).isEqualTo(column);
        assertThat(error.getMessage()).startsWith("Bad filter at column " + column + ": ").contains(messagePart);
        assertThat(error.getMessage()).doesNotContain("\n").doesNotContain("Exception").doesNotContain("\tat ");
    }

    static Stream<Arguments> limits() {
        String clause = "metrics.x > 1";
        return Stream.of(
                Arguments.of("(".repeat(101) + clause + ")".repeat(101), 101, "nested more than 100 deep"),
                Arguments.of("not ".repeat(101) + clause, 401, "nested more than 100 deep"),
                Arguments.of("not (".repeat(50) + "(" + clause + ")" + ")".repeat(50), 251, "nested more than 100 deep"),
                Arguments.of("(".repeat(5_000), 101, "nested more than 100 deep"),
                Arguments.of("params.x = '" + "a".repeat(FilterParser.MAX_LENGTH) + "'", 10_001,
                        "the filter is 10013 characters long; the limit is 10000"),
                Arguments.of("metrics." + "k".repeat(251) + " > 1", 1, "keys have at most 250"),
                Arguments.of("metrics.`" + "k".repeat(300) + "` > 1", 1, "is 300 characters long"));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("limits")
    void inputBeyondTheLengthAndNestingLimitsIsRejectedBeforeItCanOverflow(String text, int column, String messagePart) {
        FilterSyntaxException error = parseFailure(text);

        assertThat(error.column()).isEqualTo(column);
        assertThat(error.getMessage()).contains(messagePart).hasSizeLessThan(400);
    }

    @ParameterizedTest(name = "[{index}] {0}  ->  column {1}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '~', textBlock = """
            ~~                                    | 1  | the order-by is empty. Name a sort key, for example metrics.val_loss ASC
            metrics.x DESC, params.y              | 15 | expected ASC, DESC or the end of the order-by but found ','. Give one sort key
            metrics.x sideways                    | 11 | expected ASC, DESC or the end of the order-by but found 'sideways'
            datasets.name                         | 1  | runs cannot be sorted by a dataset field
            desc                                  | 1  | expected a key such as metrics.acc
            metrics.x >                           | 11 | but found '>'
            """)
    void badOrderByIsReportedAtItsColumn(String text, int column, String messagePart) {
        FilterSyntaxException error = catchThrowableOfType(FilterSyntaxException.class,
                () -> FilterParser.parseOrderBy(text));

        assertThat(error.column()).isEqualTo(column);
        assertThat(error.getMessage()).startsWith("Bad order-by at column " + column + ": ").contains(messagePart);
    }

    @ParameterizedTest(name = "[{index}] {0}  ->  column {1}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '~', textBlock = """
            metrics.x sideways                    | 11 | expected ASC, DESC, ',' or the end of the order-by but found 'sideways'. Separate sort keys with commas
            metrics.x,                            | 11 | expected a key such as metrics.acc, params.lr, tags.type or status but found the end of the order-by
            metrics.x,,params.y                   | 11 | but found ','
            params.y, datasets.name DESC          | 11 | runs cannot be sorted by a dataset field
            metrics.loss asc, metrics.loss desc   | 19 | 'metrics.loss' appears twice, at columns 1 and 19. Order by each key once
            metrics.loss, metrics.loss            | 15 | 'metrics.loss' appears twice, at columns 1 and 15. Order by each key once
            metrics.loss, metric.loss             | 15 | 'metrics.loss' appears twice: 'metrics.loss' at column 1 and 'metric.loss' at column 15 name the same key. Order by each key once
            `metrics`.loss DESC, METRICS.loss     | 22 | 'metrics.loss' appears twice: '`metrics`.loss' at column 1 and 'METRICS.loss' at column 22
            run_name, attributes.`Run name` desc  | 11 | 'attributes.run_name' appears twice: 'run_name' at column 1 and 'attributes.`Run name`' at column 11 name the same key
            `run name`, name                      | 13 | 'attributes.run_name' appears twice
            start_time, params.a, created DESC    | 23 | 'attributes.start_time' appears twice
            min(metrics.x), min( metric.x ) DESC  | 17 | 'min(metrics.x)' appears twice: 'min(metrics.x)' at column 1 and 'min( metric.x )' at column 17
            params.`a b`, params."a b"            | 15 | 'params.`a b`' appears twice
            """)
    void badOrderByListIsReportedAtItsColumn(String text, int column, String messagePart) {
        FilterSyntaxException error = catchThrowableOfType(FilterSyntaxException.class,
                () -> FilterParser.parseOrderByList(text));

        assertThat(error.column()).isEqualTo(column);
        assertThat(error.getMessage()).contains(messagePart);
    }

    @Test
    void aDuplicateSortKeyIsOneLineNamingTheKeyTheRuleAndTheFix() {
        FilterSyntaxException error = catchThrowableOfType(FilterSyntaxException.class,
                () -> FilterParser.parseOrderByList("metrics.loss asc, metrics.loss desc"));

        assertThat(error.getMessage()).isEqualTo(
                "Bad order-by at column 19: 'metrics.loss' appears twice, at columns 1 and 19. Order by each key once");
    }

    @Test
    void aKeyRepeatedAcrossSeveralOrderByTextsIsReportedInTheirJoinedText() {
        FilterSyntaxException error = catchThrowableOfType(FilterSyntaxException.class,
                () -> FilterParser.parseOrderByList(List.of("metrics.loss ASC", "", "metric.loss DESC")));

        assertThat(error.input()).isEqualTo("metrics.loss ASC, metric.loss DESC");
        assertThat(error.column()).isEqualTo(19);
        assertThat(error.reason()).startsWith("'metrics.loss' appears twice: 'metrics.loss' at column 1 and 'metric.loss'");
    }

    @Test
    void theErrorBelongsToTheModulesExceptionFamilyAndNamesItself() {
        FilterSyntaxException error = parseFailure("metrics.acc foo 1");

        assertThat(error).isInstanceOf(TrackingException.class);
        assertThat(error.ename()).isEqualTo("FilterSyntaxException");
        assertThat(error.input()).isEqualTo("metrics.acc foo 1");
        assertThat(error.reason()).startsWith("expected an operator");
        assertThat(error.getMessage()).isEqualTo("Bad filter at column 13: " + error.reason());
    }

    @Test
    void caretLinePointsAtTheColumnUnderTheInput() {
        FilterSyntaxException error = parseFailure("metrics.acc foo 1");

        assertThat(error.caretLine()).isEqualTo("metrics.acc foo 1\n            ^");
    }

    @Test
    void caretLineShowsLineBreaksAsSpacesSoTheCaretStaysAligned() {
        FilterSyntaxException error = parseFailure("metrics.acc > 1 and\n\tparams.x > 1");

        assertThat(error.column()).isEqualTo(31);
        assertThat(error.caretLine()).isEqualTo("metrics.acc > 1 and  params.x > 1\n" + " ".repeat(30) + "^");
    }

    @Test
    void caretLineCountsASupplementaryCharacterAsOneColumn() {
        FilterSyntaxException error = parseFailure("params.x = '😀' foo");

        assertThat(error.caretLine()).isEqualTo("params.x = '😀' foo\n" + " ".repeat(15) + "^");
    }

    @Test
    void caretLineOfLongInputShowsAWindowAroundTheColumn() {
        String text = "metrics.x > 1 and ".repeat(20) + "metrics.x ?? 1 and " + "metrics.x > 1 and ".repeat(20);
        FilterSyntaxException error = parseFailure(text);

        String[] lines = error.caretLine().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("…").endsWith("…").contains("??").hasSizeLessThan(80);
        assertThat(lines[0].charAt(lines[1].length() - 1)).isEqualTo('?');
    }

    @Test
    void caretAtTheEndOfInputStandsOnePastTheLastCharacter() {
        FilterSyntaxException error = parseFailure("metrics.x >");

        assertThat(error.caretLine()).isEqualTo("metrics.x >\n           ^");
    }

    @Test
    void controlCharactersInTheOffendingTokenAreEscapedInTheMessage() {
        FilterSyntaxException error = parseFailure("metrics.x \u0001 1");

        assertThat(error.getMessage()).contains("(U+0001)").doesNotContain("\u0001");
    }

    @Test
    void aLongOffendingTokenIsShortenedInTheMessage() {
        FilterSyntaxException error = parseFailure("metrics.x " + "y".repeat(5000) + " 1");

        assertThat(error.getMessage()).contains("y".repeat(40) + "…").hasSizeLessThan(300);
    }

    private static FilterSyntaxException parseFailure(String text) {
        FilterSyntaxException error = catchThrowableOfType(FilterSyntaxException.class, () -> FilterParser.parse(text));
        assertThat(error).as("parse(%s) should fail", text).isNotNull();
        return error;
    }
}
