package org.labbook.tracking.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.labbook.tracking.query.Filter.And;
import org.labbook.tracking.query.Filter.Compare;
import org.labbook.tracking.query.Filter.Not;
import org.labbook.tracking.query.Filter.Or;

/** Trees built in code obey the same rules as parsed ones, and print the canonical text. */
class FilterTreeTest {

    private static final Operand ACC = Operand.metric("acc");
    private static final Operand OPT = Operand.param("opt");
    private static final Operand STATUS = Operand.attribute(Attribute.STATUS);

    static Stream<Arguments> invalidClauses() {
        return Stream.of(
                Arguments.of(ACC, Op.IS_NULL, List.of(Literal.of(1)), "IS NULL takes no value, not 1"),
                Arguments.of(ACC, Op.IN, List.of(), "IN takes one or more values, not 0"),
                Arguments.of(ACC, Op.EQ, List.of(Literal.of(1), Literal.of(2)), "= takes exactly one value, not 2"),
                Arguments.of(ACC, Op.EQ, List.of(), "= takes exactly one value, not 0"),
                Arguments.of(ACC, Op.EQ, List.of(Literal.of("1")), "'1' is text, but metrics.acc is a number"),
                Arguments.of(ACC, Op.LIKE, List.of(Literal.of("1")), "LIKE matches text"),
                Arguments.of(OPT, Op.EQ, List.of(Literal.of(1)), "1 is a number, but params.opt is text"),
                Arguments.of(OPT, Op.GT, List.of(Literal.of("a")), "> compares numbers"),
                Arguments.of(STATUS, Op.EQ, List.of(Literal.of("finished")), "unknown run status 'finished'"),
                Arguments.of(STATUS, Op.NOT_IN, List.of(Literal.of("FAILED"), Literal.of("X")), "unknown run status 'X'"));
    }

    @ParameterizedTest(name = "[{index}] {3}")
    @MethodSource("invalidClauses")
    void aClauseThatBreaksARuleCannotBeBuilt(Operand operand, Op op, List<Literal> values, String message) {
        assertThatThrownBy(() -> new Compare(operand, op, values))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void statusPatternsAreNotCheckedAgainstTheStatusNames() {
        assertThat(Compare.of(STATUS, Op.LIKE, Literal.of("fin%"))).hasToString("attributes.status LIKE 'fin%'");
    }

    static Stream<Arguments> invalidOperands() {
        return Stream.of(
                Arguments.of(Operand.Kind.ATTRIBUTE, "created", Operand.Aggregate.LATEST, "unknown attribute 'created'"),
                Arguments.of(Operand.Kind.ATTRIBUTE, "Status", Operand.Aggregate.LATEST, "unknown attribute 'Status'"),
                Arguments.of(Operand.Kind.DATASET, "size", Operand.Aggregate.LATEST, "unknown dataset field 'size'"),
                Arguments.of(Operand.Kind.PARAM, "lr", Operand.Aggregate.MAX, "max(...) applies to metrics only"),
                Arguments.of(Operand.Kind.METRIC, " ", Operand.Aggregate.LATEST, "the key is empty"),
                Arguments.of(Operand.Kind.TAG, "t".repeat(251), Operand.Aggregate.LATEST, "keys have at most 250"));
    }

    @ParameterizedTest(name = "[{index}] {3}")
    @MethodSource("invalidOperands")
    void anOperandThatBreaksARuleCannotBeBuilt(Operand.Kind kind, String key, Operand.Aggregate aggregate, String message) {
        assertThatThrownBy(() -> new Operand(kind, key, aggregate))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void matchEverythingCannotBeNestedButVanishesWhenCombined() {
        Compare clause = Compare.of(ACC, Op.GT, Literal.of(0.9));

        assertThatThrownBy(() -> new And(Filter.all(), clause)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Filter.all() stands alone");
        assertThatThrownBy(() -> new Not(Filter.all())).isInstanceOf(IllegalArgumentException.class);
        assertThat(Filter.all().and(clause)).isSameAs(clause);
        assertThat(clause.and(Filter.all())).isSameAs(clause);
        assertThat(clause.and(clause)).isEqualTo(new And(clause, clause));
        assertThat(Filter.all().and(Filter.all()).matchesAll()).isTrue();
    }

    @Test
    void clauseValuesAreCopiedAndImmutable() {
        List<Literal> values = new ArrayList<>(List.of(Literal.of("adam")));
        Compare clause = new Compare(OPT, Op.IN, values);
        values.add(Literal.of("sgd"));

        assertThat(clause.values()).containsExactly(Literal.of("adam"));
        assertThatThrownBy(() -> clause.values().add(Literal.of("x"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theSingleValueIsOnlyAvailableForSingleValueOperators() {
        assertThat(Compare.of(OPT, Op.EQ, Literal.of("a")).value()).isEqualTo(Literal.of("a"));
        assertThatThrownBy(() -> Compare.of(OPT, Op.IN, Literal.of("a")).value()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Compare.of(OPT, Op.IS_NULL).value()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void numbersAreEqualByTheirBitsSoNanRoundTripsAndNegativeZeroIsKept() {
        assertThat(Literal.of(Double.NaN)).isEqualTo(Literal.of(Double.NaN));
        assertThat(Literal.of(-0.0)).isNotEqualTo(Literal.of(0.0));
    }

    static Stream<Arguments> numberSpellings() {
        return Stream.of(
                Arguments.of(64.0, "64"),
                Arguments.of(-3.0, "-3"),
                Arguments.of(0.0, "0"),
                Arguments.of(-0.0, "-0.0"),
                Arguments.of(0.001, "0.001"),
                Arguments.of(1e-4, "1.0E-4"),
                Arguments.of(1e15, "1.0E15"),
                Arguments.of(999_999_999_999_999.0, "999999999999999"),
                Arguments.of(Double.NaN, "NaN"),
                Arguments.of(Double.POSITIVE_INFINITY, "Infinity"),
                Arguments.of(Double.NEGATIVE_INFINITY, "-Infinity"),
                Arguments.of(Double.MIN_VALUE, "4.9E-324"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("numberSpellings")
    void numbersPrintWholeValuesPlainlyAndEverythingElseExactly(double value, String spelling) {
        assertThat(Literal.of(value)).hasToString(spelling);
        assertThat(((Compare) FilterParser.parse("metrics.x = " + spelling)).value()).isEqualTo(Literal.of(value));
    }

    @Test
    void textPrintsSingleQuotedWithQuotesAndBackslashesDoubled() {
        assertThat(Literal.of("it's a\\b")).hasToString("'it''s a\\\\b'");
        assertThatThrownBy(() -> Literal.of((String) null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void keysThatAreNotPlainWordsPrintBackquoted() {
        assertThat(Operand.metric("val_loss")).hasToString("metrics.val_loss");
        assertThat(Operand.metric("train/loss.ema")).hasToString("metrics.train/loss.ema");
        assertThat(Operand.param("batch size")).hasToString("params.`batch size`");
        assertThat(Operand.tag("a`b")).hasToString("tags.`a``b`");
        assertThat(Operand.maxOf("acc")).hasToString("max(metrics.acc)");
        assertThat(Operand.minOf("val loss")).hasToString("min(metrics.`val loss`)");
        assertThat(Operand.dataset("digest")).hasToString("datasets.digest");
        assertThat(Operand.attribute(Attribute.START_TIME)).hasToString("attributes.start_time");
    }

    @Test
    void onlyTheNeededParenthesesArePrinted() {
        Compare a = Compare.of(ACC, Op.GT, Literal.of(1));
        Compare b = Compare.of(OPT, Op.EQ, Literal.of("x"));
        Compare c = Compare.of(STATUS, Op.EQ, Literal.of("FAILED"));

        assertThat(new Or(a, new And(b, c))).hasToString(a + " OR " + b + " AND " + c);
        assertThat(new And(new Or(a, b), c)).hasToString("(" + a + " OR " + b + ") AND " + c);
        assertThat(new And(a, new And(b, c))).hasToString(a + " AND (" + b + " AND " + c + ")");
        assertThat(new Or(new Or(a, b), c)).hasToString(a + " OR " + b + " OR " + c);
        assertThat(new Not(new Or(a, b))).hasToString("NOT (" + a + " OR " + b + ")");
    }

    @Test
    void attributesResolveByCanonicalNameOrAlias() {
        assertThat(Attribute.byName("Created")).contains(Attribute.START_TIME);
        assertThat(Attribute.ofKey("created")).isEmpty();
        assertThat(Attribute.ofKey("start_time")).contains(Attribute.START_TIME);
        assertThat(Operand.attribute(Attribute.END_TIME).isNumeric()).isTrue();
        assertThat(Operand.attribute(Attribute.USER).isNumeric()).isFalse();
        assertThat(Operand.param("x").asAttribute()).isEmpty();
    }

    @Test
    void datasetFieldsCannotBeSortKeys() {
        assertThatThrownBy(() -> OrderBy.asc(Operand.dataset("name")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("runs cannot be sorted by a dataset field");
    }
}
