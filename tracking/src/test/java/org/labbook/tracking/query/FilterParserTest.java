package org.labbook.tracking.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.labbook.tracking.query.Filter.And;
import org.labbook.tracking.query.Filter.Compare;
import org.labbook.tracking.query.Filter.Not;
import org.labbook.tracking.query.Filter.Or;

/** What valid filters and order-bys parse to; the canonical text is compared where it shows the tree plainly. */
class FilterParserTest {

    private static final Compare ACC = Compare.of(Operand.metric("acc"), Op.GT, Literal.of(0.9));
    private static final Compare LR = Compare.of(Operand.param("lr"), Op.EQ, Literal.of("0.001"));
    private static final Compare TYPE = Compare.of(Operand.tag("type"), Op.NE, Literal.of("ablation"));

    @Test
    void theMlflowExampleParsesToALeftNestedAndChain() {
        Filter filter = FilterParser.parse("metrics.val_acc > 0.9 and params.lr = '0.001' and tags.type != 'ablation'"
                + " and attributes.status = 'FINISHED'");

        assertThat(filter).isEqualTo(new And(new And(new And(
                Compare.of(Operand.metric("val_acc"), Op.GT, Literal.of(0.9)), LR), TYPE),
                Compare.of(Operand.attribute(Attribute.STATUS), Op.EQ, Literal.of("FINISHED"))));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", " ", "\t\n  \r\n", "\u00a0"})
    void emptyOrBlankFilterMatchesEveryRun(String text) {
        Filter filter = FilterParser.parse(text);

        assertThat(filter).isEqualTo(Filter.all());
        assertThat(filter.matchesAll()).isTrue();
        assertThat(filter.toString()).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}  ->  {1}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '~', textBlock = """
            metrics.acc = 0.9               | metrics.acc = 0.9
            metrics.acc == 0.9              | metrics.acc = 0.9
            metrics.acc != 0.9              | metrics.acc != 0.9
            metrics.acc <> 0.9              | metrics.acc != 0.9
            metrics.acc < 0.9               | metrics.acc < 0.9
            metrics.acc <= 0.9              | metrics.acc <= 0.9
            metrics.acc > 0.9               | metrics.acc > 0.9
            metrics.acc >= 0.9              | metrics.acc >= 0.9
            metrics.acc>=0.9                | metrics.acc >= 0.9
            metrics.acc IN (1, 2.5, -3)     | metrics.acc IN (1, 2.5, -3)
            metrics.acc not in (1)          | metrics.acc NOT IN (1)
            metrics.acc is null             | metrics.acc IS NULL
            metrics.acc Is Not Null         | metrics.acc IS NOT NULL
            params.opt = 'adam'             | params.opt = 'adam'
            params.opt != 'adam'            | params.opt != 'adam'
            params.opt LIKE 'ad%'           | params.opt LIKE 'ad%'
            params.opt like 'ad%'           | params.opt LIKE 'ad%'
            params.opt ILIKE '%AD_M'        | params.opt ILIKE '%AD_M'
            params.opt NOT LIKE 'a%'        | NOT (params.opt LIKE 'a%')
            params.opt not ilike 'a%'       | NOT (params.opt ILIKE 'a%')
            params.opt IN ('adam','sgd')    | params.opt IN ('adam', 'sgd')
            params.opt NOT IN ('sgd')       | params.opt NOT IN ('sgd')
            tags.note IS NULL               | tags.note IS NULL
            tags.note IS NOT NULL           | tags.note IS NOT NULL
            """)
    void everyOperatorParsesToItsCanonicalSpelling(String text, String canonical) {
        assertThat(FilterParser.parse(text)).hasToString(canonical);
    }

    @ParameterizedTest(name = "[{index}] {0}  ->  {1}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '~', textBlock = """
            metrics.acc > 1          | METRIC    | acc
            metric.acc > 1           | METRIC    | acc
            METRICS.acc > 1          | METRIC    | acc
            params.lr = 'x'          | PARAM     | lr
            param.lr = 'x'           | PARAM     | lr
            parameters.lr = 'x'      | PARAM     | lr
            parameter.lr = 'x'       | PARAM     | lr
            tags.team = 'x'          | TAG       | team
            tag.team = 'x'           | TAG       | team
            attributes.user = 'x'    | ATTRIBUTE | user
            attribute.user = 'x'     | ATTRIBUTE | user
            attr.user = 'x'          | ATTRIBUTE | user
            run.user = 'x'           | ATTRIBUTE | user
            datasets.name = 'x'      | DATASET   | name
            dataset.name = 'x'       | DATASET   | name
            datasets.digest = 'x'    | DATASET   | digest
            datasets.sha256 = 'x'    | DATASET   | digest
            datasets.location = 'x'  | DATASET   | location
            datasets.path = 'x'      | DATASET   | location
            datasets.URI = 'x'       | DATASET   | location
            """)
    void everyPrefixSelectsItsKind(String text, Operand.Kind kind, String key) {
        Compare compare = (Compare) FilterParser.parse(text);

        assertThat(compare.operand().kind()).isEqualTo(kind);
        assertThat(compare.operand().key()).isEqualTo(key);
    }

    @ParameterizedTest(name = "[{index}] {0}  ->  {1}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '~', textBlock = """
            status = 'RUNNING'                 | STATUS
            attributes.status = 'FINISHED'     | STATUS
            run_name = 'baseline'              | RUN_NAME
            name = 'baseline'                  | RUN_NAME
            attributes.run_name = 'baseline'   | RUN_NAME
            run_id = 'abc'                     | RUN_ID
            id = 'abc'                         | RUN_ID
            start_time >= 1767225600000        | START_TIME
            created >= 1767225600000           | START_TIME
            attributes.Created >= 0            | START_TIME
            end_time IS NULL                   | END_TIME
            user = 'ada'                       | USER
            user_id = 'ada'                    | USER
            experiment = 'fraud/baseline'      | EXPERIMENT
            experiment_name = 'fraud/baseline' | EXPERIMENT
            experiment_id = '3'                | EXPERIMENT_ID
            parent_run_id IS NULL              | PARENT_RUN_ID
            parent_id = 'abc'                  | PARENT_RUN_ID
            STATUS = 'FAILED'                  | STATUS
            `status` = 'FAILED'                | STATUS
            "status" = 'FAILED'                | STATUS
            attr.`start_time` > 0              | START_TIME
            `Created` > 0                      | START_TIME
            `Run name` = 'baseline'            | RUN_NAME
            `run name` = 'baseline'            | RUN_NAME
            `Run Name` = 'baseline'            | RUN_NAME
            "Run name" = 'baseline'            | RUN_NAME
            attributes.`Run name` = 'baseline' | RUN_NAME
            attributes.`run name` = 'baseline' | RUN_NAME
            attributes."Run name" = 'baseline' | RUN_NAME
            run.`RUN NAME` = 'baseline'        | RUN_NAME
            `attributes`.`Run name` = 'b'      | RUN_NAME
            `attribute`.run_name = 'b'         | RUN_NAME
            """)
    void attributesAreNamedBareOrPrefixedAndNormalizedToTheirCanonicalKey(String text, Attribute attribute) {
        Compare compare = (Compare) FilterParser.parse(text);

        assertThat(compare.operand()).isEqualTo(Operand.attribute(attribute));
        assertThat(compare.toString()).startsWith("attributes." + attribute.key() + " ");
    }

    @ParameterizedTest(name = "[{index}] {0}  ->  {1}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '~', textBlock = """
            `metric`.a >= 0.1                    | metrics.a >= 0.1
            `metrics`.a >= 0.1                   | metrics.a >= 0.1
            `metrics`.a>=0.1                     | metrics.a >= 0.1
            `METRICS`.a >= 0.1                   | metrics.a >= 0.1
            `tags`.source_name = 'x'             | tags.source_name = 'x'
            `tag`.source_name = 'x'              | tags.source_name = 'x'
            `params`.x = 'y'                     | params.x = 'y'
            `parameter`.x = 'y'                  | params.x = 'y'
            `attribute`.status = 'failed'        | attributes.status = 'FAILED'
            `attr`.created > 5                   | attributes.start_time > 5
            `run`.user = 'ada'                   | attributes.user = 'ada'
            `datasets`.name = 'train.csv'        | datasets.name = 'train.csv'
            `dataset`.sha256 = 'ab'              | datasets.digest = 'ab'
            `metrics`.`val loss` < 1             | metrics.`val loss` < 1
            `metrics`."val loss" < 1             | metrics.`val loss` < 1
            `metrics`.train/loss < 1             | metrics.train/loss < 1
            `metrics`.1st > 0                    | metrics.1st > 0
            `metrics`.and > 0                    | metrics.and > 0
            `params`.optimizer.lr = '0.1'        | params.optimizer.lr = '0.1'
            min(`metrics`.loss) < 0.2            | min(metrics.loss) < 0.2
            `metrics`.a > 0 and `tags`.b = 'c'   | metrics.a > 0 AND tags.b = 'c'
            """)
    void theEntityTypeMayBeBackquotedAsInMlflow(String text, String canonical) {
        Filter filter = FilterParser.parse(text);

        assertThat(filter).hasToString(canonical);
        assertThat(FilterParser.parse(canonical)).isEqualTo(filter);
    }

    @ParameterizedTest(name = "[{index}] {0}  ->  {1}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '~', textBlock = """
            status = 'finished'                  | attributes.status = 'FINISHED'
            status IN ('failed', 'Killed')       | attributes.status IN ('FAILED', 'KILLED')
            status NOT IN ('crashed')            | attributes.status NOT IN ('CRASHED')
            status LIKE 'fin%'                   | attributes.status LIKE 'fin%'
            start_time < 1767225600000           | attributes.start_time < 1767225600000
            """)
    void statusValuesAreUpperCasedExceptInPatterns(String text, String canonical) {
        assertThat(FilterParser.parse(text)).hasToString(canonical);
    }

    static Stream<Arguments> literalForms() {
        return Stream.of(
                Arguments.of("metrics.x = 42", 42.0),
                Arguments.of("metrics.x = -42", -42.0),
                Arguments.of("metrics.x = +42", 42.0),
                Arguments.of("metrics.x = 0.5", 0.5),
                Arguments.of("metrics.x = .5", 0.5),
                Arguments.of("metrics.x = -.5", -0.5),
                Arguments.of("metrics.x = 5.", 5.0),
                Arguments.of("metrics.x = 1e-3", 0.001),
                Arguments.of("metrics.x = 1E+3", 1000.0),
                Arguments.of("metrics.x = 2.5e10", 2.5e10),
                Arguments.of("metrics.x = -0.0", -0.0),
                Arguments.of("metrics.x = 1e-400", 0.0),
                Arguments.of("metrics.x = NaN", Double.NaN),
                Arguments.of("metrics.x = nan", Double.NaN),
                Arguments.of("metrics.x = Infinity", Double.POSITIVE_INFINITY),
                Arguments.of("metrics.x = inf", Double.POSITIVE_INFINITY),
                Arguments.of("metrics.x = +Infinity", Double.POSITIVE_INFINITY),
                Arguments.of("metrics.x = -Infinity", Double.NEGATIVE_INFINITY),
                Arguments.of("metrics.x = -INF", Double.NEGATIVE_INFINITY));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("literalForms")
    void numbersIncludeSignsFractionsExponentsNanAndInfinities(String text, double expected) {
        assertThat(((Compare) FilterParser.parse(text)).value()).isEqualTo(new Literal.Number(expected));
    }

    static Stream<Arguments> textForms() {
        return Stream.of(
                Arguments.of("params.x = 'adam'", "adam"),
                Arguments.of("params.x = \"adam\"", "adam"),
                Arguments.of("params.x = ''", ""),
                Arguments.of("params.x = 'it''s'", "it's"),
                Arguments.of("params.x = \"say \"\"hi\"\"\"", "say \"hi\""),
                Arguments.of("params.x = 'it\\'s'", "it's"),
                Arguments.of("params.x = \"a\\\"b\"", "a\"b"),
                Arguments.of("params.x = 'back\\\\slash'", "back\\slash"),
                Arguments.of("params.x = 'tab\\there'", "tab\there"),
                Arguments.of("params.x = 'line\\nbreak\\r'", "line\nbreak\r"),
                Arguments.of("params.x = 'a\\%'", "a\\%"),
                Arguments.of("params.x = 'C:\\data'", "C:\\data"),
                Arguments.of("params.x = \"it's\"", "it's"),
                Arguments.of("params.x = 'naïve 日本 😀'", "naïve 日本 😀"),
                Arguments.of("params.x = 'two\nlines'", "two\nlines"),
                Arguments.of("params.x = 'and or not = ( )'", "and or not = ( )"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("textForms")
    void textTakesEitherQuoteWithDoubledQuotesAndBackslashEscapes(String text, String expected) {
        assertThat(((Compare) FilterParser.parse(text)).value()).isEqualTo(new Literal.Text(expected));
    }

    @ParameterizedTest(name = "[{index}] {0}  ->  {1}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '~', textBlock = """
            params.batch = 64              | params.batch = '64'
            params.lr = 0.001              | params.lr = '0.001'
            params.lr = 1e-3               | params.lr = '1e-3'
            params.delta = -5              | params.delta = '-5'
            tags.round IN (1, 2, '3')      | tags.round IN ('1', '2', '3')
            params.x = NaN                 | params.x = 'NaN'
            run_name = 7                   | attributes.run_name = '7'
            """)
    void unquotedNumbersForTextKeysAreTakenAsTheTextWritten(String text, String canonical) {
        assertThat(FilterParser.parse(text)).hasToString(canonical);
    }

    @ParameterizedTest(name = "[{index}] {0}  ->  {1}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '~', textBlock = """
            metrics.`val loss` < 1                 | val loss
            metrics."val loss" < 1                 | val loss
            params.`a.b` = 'x'                     | a.b
            params."a.b" = 'x'                     | a.b
            metrics.`tick``s` > 0                  | tick`s
            metrics.`and` > 0                      | and
            metrics.train/loss < 1                 | train/loss
            metrics.optimizer.lr < 1               | optimizer.lr
            metrics.val-loss < 1                   | val-loss
            metrics.`train/loss` < 1               | train/loss
            tags.`mlflow.runName` = 'x'            | mlflow.runName
            metrics.épsilon > 0                    | épsilon
            metrics.`  padded  ` > 0               | ~  padded  ~
            """)
    void keysMayBePlainBackquotedOrDoubleQuoted(String text, String key) {
        assertThat(((Compare) FilterParser.parse(text)).operand().key()).isEqualTo(key);
    }

    @ParameterizedTest(name = "[{index}] {0}  ->  {1}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '~', textBlock = """
            min(metrics.loss) < 0.2           | min(metrics.loss) < 0.2
            MAX(metric.acc) >= 0.9            | max(metrics.acc) >= 0.9
            min ( metrics.`val loss` ) < 1    | min(metrics.`val loss`) < 1
            max(metrics.acc) IS NOT NULL      | max(metrics.acc) IS NOT NULL
            max(metrics.acc) IN (1, 2)        | max(metrics.acc) IN (1, 2)
            """)
    void minAndMaxAggregateAMetric(String text, String canonical) {
        assertThat(FilterParser.parse(text)).hasToString(canonical);
    }

    @Test
    void plainMetricComparesTheLatestValue() {
        Compare compare = (Compare) FilterParser.parse("metrics.acc > 0.9");

        assertThat(compare.operand().aggregate()).isEqualTo(Operand.Aggregate.LATEST);
    }

    @Test
    void andBindsTighterThanOr() {
        assertThat(FilterParser.parse("metrics.acc > 0.9 or params.lr = '0.001' and tags.type != 'ablation'"))
                .isEqualTo(new Or(ACC, new And(LR, TYPE)));
        assertThat(FilterParser.parse("metrics.acc > 0.9 and params.lr = '0.001' or tags.type != 'ablation'"))
                .isEqualTo(new Or(new And(ACC, LR), TYPE));
    }

    @Test
    void parenthesesOverridePrecedence() {
        assertThat(FilterParser.parse("(metrics.acc > 0.9 or params.lr = '0.001') and tags.type != 'ablation'"))
                .isEqualTo(new And(new Or(ACC, LR), TYPE));
        assertThat(FilterParser.parse("metrics.acc > 0.9 and (params.lr = '0.001' or tags.type != 'ablation')"))
                .isEqualTo(new And(ACC, new Or(LR, TYPE)));
    }

    @Test
    void redundantParenthesesLeaveNoTrace() {
        assertThat(FilterParser.parse("(((metrics.acc > 0.9)))")).isEqualTo(ACC);
    }

    @Test
    void andAndOrGroupLeftToRight() {
        assertThat(FilterParser.parse("metrics.acc > 0.9 OR params.lr = '0.001' OR tags.type != 'ablation'"))
                .isEqualTo(new Or(new Or(ACC, LR), TYPE));
    }

    @Test
    void notAppliesToTheNextClauseOrGroup() {
        assertThat(FilterParser.parse("not metrics.acc > 0.9 and params.lr = '0.001'"))
                .isEqualTo(new And(new Not(ACC), LR));
        assertThat(FilterParser.parse("NOT (metrics.acc > 0.9 and params.lr = '0.001')"))
                .isEqualTo(new Not(new And(ACC, LR)));
        assertThat(FilterParser.parse("not not metrics.acc > 0.9")).isEqualTo(new Not(new Not(ACC)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "metrics.acc > 0.9 AND params.lr = '0.001'",
        "metrics.acc > 0.9 and params.lr = '0.001'",
        "metrics.acc > 0.9 And params.lr = '0.001'",
        "metrics.acc>0.9 and\nparams.lr='0.001'",
        "  metrics.acc\t>\t0.9   AND   params.lr   =   '0.001'  ",
    })
    void keywordsIgnoreCaseAndWhitespaceIsFree(String text) {
        assertThat(FilterParser.parse(text)).isEqualTo(new And(ACC, LR));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '~', textBlock = """
            metrics.acc > 0.9 or params.lr = '0.001' and tags.type != 'ablation'
            (metrics.acc > 0.9 or params.lr = '0.001') and tags.type != 'ablation'
            metrics.acc > 0.9 and (params.lr = '0.001' and tags.type != 'ablation')
            metrics.acc > 0.9 or (params.lr = '0.001' or tags.type != 'ablation')
            not (metrics.acc > 0.9 or params.lr = '0.001')
            params.`it's "odd"` = 'it''s \\\\ "odd"'
            tags.x NOT LIKE 'a\\%'
            metrics.x IN (NaN, Infinity, -Infinity, -0.0, 1e300, 4.9E-324)
            """)
    void canonicalTextParsesBackToTheSameTree(String text) {
        Filter filter = FilterParser.parse(text);

        assertThat(FilterParser.parse(filter.toString())).isEqualTo(filter);
    }

    @Test
    void aChainAsLongAsTheInputLimitAllowsParsesAndPrintsWithoutExhaustingTheStack() {
        StringBuilder text = new StringBuilder("user=''");
        int clauses = 1;
        while (text.length() < FilterParser.MAX_LENGTH - 10) {
            text.append(" or user=''");
            clauses++;
        }

        Filter filter = FilterParser.parse(text.toString());

        // The canonical text spells attributes.user in full, so it is longer than the limit and is not re-parsed.
        assertThat(filter.toString().split(" OR ", -1)).hasSize(clauses);
        assertThat(filter.hashCode()).isEqualTo(FilterParser.parse(text.toString()).hashCode());
    }

    @Test
    void nestingUpToTheDepthLimitIsAccepted() {
        int depth = FilterParser.MAX_DEPTH;
        String text = "(".repeat(depth) + "metrics.acc > 0.9" + ")".repeat(depth);

        assertThat(FilterParser.parse(text)).isEqualTo(ACC);
    }

    @ParameterizedTest(name = "[{index}] {0}  ->  {1}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '~', textBlock = """
            metrics.val_loss DESC        | metrics.val_loss DESC
            metrics.val_loss desc        | metrics.val_loss DESC
            params.lr                    | params.lr ASC
            start_time asc               | attributes.start_time ASC
            tags.`team name` DESC        | tags.`team name` DESC
            max(metrics.acc) DESC        | max(metrics.acc) DESC
            attributes.status            | attributes.status ASC
            `metrics`.val_loss DESC      | metrics.val_loss DESC
            `Run name` desc              | attributes.run_name DESC
            attributes.`Run name`        | attributes.run_name ASC
            """)
    void oneOrderByParsesWithAscendingAsTheDefault(String text, String canonical) {
        OrderBy orderBy = FilterParser.parseOrderBy(text);

        assertThat(orderBy).hasToString(canonical);
        assertThat(FilterParser.parseOrderBy(orderBy.toString())).isEqualTo(orderBy);
    }

    @Test
    void orderByListKeepsTheGivenPriority() {
        assertThat(FilterParser.parseOrderByList("metrics.val_loss DESC, params.lr,start_time asc")).containsExactly(
                OrderBy.desc(Operand.metric("val_loss")),
                OrderBy.asc(Operand.param("lr")),
                OrderBy.asc(Operand.attribute(Attribute.START_TIME)));
    }

    @Test
    void sortKeysThatDifferInKindOrAggregateAreDifferentKeys() {
        assertThat(FilterParser.parseOrderByList(
                "metrics.loss, min(metrics.loss) DESC, max(metrics.loss), params.loss, tags.loss, `Run name`, id DESC"))
                .containsExactly(
                        OrderBy.asc(Operand.metric("loss")),
                        OrderBy.desc(Operand.minOf("loss")),
                        OrderBy.asc(Operand.maxOf("loss")),
                        OrderBy.asc(Operand.param("loss")),
                        OrderBy.asc(Operand.tag("loss")),
                        OrderBy.asc(Operand.attribute(Attribute.RUN_NAME)),
                        OrderBy.desc(Operand.attribute(Attribute.RUN_ID)));
    }

    @Test
    void severalOrderByTextsParseAsOneListInTheirOrderSkippingBlankOnes() {
        assertThat(FilterParser.parseOrderByList(List.of("metrics.val_loss DESC", " ", "params.lr, start_time asc")))
                .containsExactly(
                        OrderBy.desc(Operand.metric("val_loss")),
                        OrderBy.asc(Operand.param("lr")),
                        OrderBy.asc(Operand.attribute(Attribute.START_TIME)));
        assertThat(FilterParser.parseOrderByList(List.of())).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"", "  ", "\n"})
    void emptyOrderByListSortsByNothing(String text) {
        assertThat(FilterParser.parseOrderByList(text)).isEqualTo(List.of());
    }
}
