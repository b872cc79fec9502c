package org.labbook.kernel.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.labbook.kernel.engine.IsComplete;

class CodeAssistTest {
    private static Cells cells;

    @BeforeAll
    static void start() {
        cells = new Cells(JShellEvaluator.create());
    }

    @AfterAll
    static void stop() {
        cells.evaluator().close();
    }

    @Test
    void isCompleteTellsCompleteIncompleteAndInvalid() {
        var evaluator = cells.evaluator();
        assertThat(evaluator.isComplete("int x = 1;\nx + 1")).isEqualTo(new IsComplete("complete", ""));
        assertThat(evaluator.isComplete("for (int i = 0; i < 3; i++) {")).isEqualTo(new IsComplete("incomplete", "    "));
        assertThat(evaluator.isComplete("int y = ").status()).isEqualTo("incomplete");
        assertThat(evaluator.isComplete("int z = 1 +;")).isEqualTo(new IsComplete("invalid", ""));
        assertThat(evaluator.isComplete("%maven a:b:1")).isEqualTo(new IsComplete("complete", ""));
    }

    @Test
    void completionOffersMembersWithTheReplacedRange() {
        cells.run("String greeting = \"hi\";").ok();
        String code = "greeting.toUpp";
        var completion = cells.evaluator().complete(code, code.length());
        assertThat(completion.matches()).contains("toUpperCase(");
        assertThat(completion.cursorStart()).isEqualTo("greeting.".length());
        assertThat(completion.cursorEnd()).isEqualTo(code.length());
    }

    @Test
    void completionOffersMagicNamesAfterPercent() {
        var completion = cells.evaluator().complete("%ma", 3);
        assertThat(completion.matches()).containsExactly("%maven");
        assertThat(completion.cursorStart()).isZero();
    }

    @Test
    void inspectShowsSignatureAndJavadoc() {
        cells.run("/** Squares a number, the documented way. */\nint square(int v) { return v * v; }").ok();
        var found = cells.evaluator().inspect("square(3)", 3, 0).found().orElseThrow();
        assertThat(found.plainText()).contains("int square(int v)").contains("Squares a number, the documented way.");
        assertThat(found.data()).containsKey("text/markdown");
        var jdk = cells.evaluator().inspect("Math.max(1, 2)", 6, 0).found().orElseThrow();
        assertThat(jdk.plainText()).contains("max(int", "max(double");
    }

    @Test
    void completionAndInspectionKnowTheDefaultImportsBeforeAnyCellNamedThem() {
        Cells fresh = new Cells(JShellEvaluator.create());
        try {
            assertThat(fresh.evaluator().complete("ArrayLi", 7).matches()).contains("ArrayList");
            assertThat(fresh.evaluator().inspect("Collectors.toList()", 11, 0).found()).isPresent();
        } finally {
            fresh.evaluator().close();
        }
    }
}
