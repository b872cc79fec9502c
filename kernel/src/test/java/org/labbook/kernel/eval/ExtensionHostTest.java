package org.labbook.kernel.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.labbook.kernel.api.CellEnd;
import org.labbook.kernel.api.CellOutcome;
import org.labbook.kernel.api.JShellState;
import org.labbook.kernel.api.OmittedOutput;

class ExtensionHostTest {
    private static Cells cells;

    @BeforeAll
    static void start() {
        cells = new Cells(JShellEvaluator.create());
    }

    @AfterAll
    static void stop() {
        cells.evaluator().close();
    }

    private static CellEnd endOf(String marker) {
        return RecordingExtension.ENDS.stream().filter(e -> e.cell().source().contains(marker)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no afterCell for " + marker));
    }

    @Test
    void beforeAndAfterCellSeeSourceOutputDisplaysAndState() {
        cells.run("// cb-ok\nint answer = 42;\nSystem.out.println(\"hello\");\nSystem.err.println(\"careful\");\n"
                + "display(\"shown\");\nanswer + 1").ok();
        CellEnd end = endOf("cb-ok");
        assertThat(RecordingExtension.STARTS).anyMatch(s -> s.source().contains("cb-ok") && s.cellId().isPresent());
        assertThat(end.outcome()).isInstanceOf(CellOutcome.Ok.class);
        assertThat(end.stdout()).isEqualTo("hello\n");
        assertThat(end.stderr()).isEqualTo("careful\n");
        assertThat(end.displays()).extracting(b -> b.plainText()).containsExactly("shown");
        assertThat(end.result()).map(b -> b.plainText()).contains("43");
        assertThat(end.end()).isAfterOrEqualTo(end.cell().start());
        JShellState state = end.state();
        assertThat(state.variables()).contains(new JShellState.Variable("answer", "int", "42"));
        assertThat(state.value("answer")).contains(42);
        assertThat(state.imports()).contains("import static org.labbook.kernel.api.Display.*;");
    }

    @Test
    void stateListsMethodsAndTypesDefinedByCells() {
        cells.run("/** Loss. */\ndouble loss(double[] w) { return 0; }\nrecord Run(String id) { }").ok();
        JShellState state = ((JShellEvaluator) cells.evaluator()).session().state();
        assertThat(state.methods()).contains("double loss(double[] w)");
        assertThat(state.types()).contains("Run");
    }

    @Test
    void afterCellRunsForFailedAndAbortedCellsToo() {
        cells.run("// cb-fail\nthrow new IllegalArgumentException(\"bad\");");
        assertThat(endOf("cb-fail").outcome()).isInstanceOfSatisfying(CellOutcome.Error.class,
                e -> assertThat(e.summary()).isEqualTo("java.lang.IllegalArgumentException: bad"));
        cells.evaluator().aborted(Cells.request(99, "// cb-aborted"));
        assertThat(endOf("cb-aborted").outcome()).isInstanceOf(CellOutcome.Aborted.class);
    }

    @Test
    void extensionMagicsRenderersAndStartupSnippetsAreAvailable() {
        assertThat(cells.run("%testecho hi there").ok().plain()).isEqualTo("echo:hi there");
        assertThat(cells.run("%%testupper\nabc").ok().plain()).isEqualTo("ABC");
        var ran = cells.run("new TestPoint(1, 2)").ok();
        assertThat(ran.result().value().orElseThrow().data()).containsEntry("text/html", "<b>1,2</b>");
    }

    @Test
    void throwingExtensionIsReportedOnceAndDisabledWithoutBreakingTheCell() {
        var first = cells.run(ThrowingExtension.TRIGGER + "\n1 + 1");
        assertThat(first.ok().plain()).isEqualTo("2");
        assertThat(first.stderr().lines().filter(l -> l.contains("throwing-test-extension")).toList())
                .hasSize(1)
                .allMatch(l -> l.contains("disabled") && l.contains("deliberate failure"));
        int calls = ThrowingExtension.CALLS.get();
        var second = cells.run(ThrowingExtension.TRIGGER + "\n2 + 2").ok();
        assertThat(second.stderr()).doesNotContain("throwing-test-extension");
        assertThat(ThrowingExtension.CALLS.get()).isEqualTo(calls);
        assertThat(RecordingExtension.ENDS).anyMatch(e -> e.cell().source().contains("2 + 2"));
    }

    @Test
    void userCodeReachesItsSessionThroughTheDocumentedAccessor() {
        var ran = cells.run("org.labbook.kernel.api.KernelSession.current().orElseThrow().sessionId()").ok();
        assertThat(ran.plain()).isEqualTo(((JShellEvaluator) cells.evaluator()).session().sessionId());
        Object value = ((JShellEvaluator) cells.evaluator()).session().evaluate("List.of(1, 2).size() * 21");
        assertThat(value).isEqualTo(42);
    }

    @Test
    void aLongCellKeepsABoundedHeadAndTailOfItsOutputForTheRecordWhileTheFrontEndGetsEverything() {
        // 40,000 numbered lines of 100 characters: 4 MB, far over what a cell keeps for its record.
        var ran = cells.run("// cb-long\nString pad = \"x\".repeat(91);\n"
                + "for (int i = 0; i < 40000; i++) System.out.println(String.format(\"%08d\", i) + pad);\n"
                + "String id = display(\"frame 0\");\n"
                + "for (int i = 1; i <= 500; i++) updateDisplay(id, \"frame \" + i);").ok();

        assertThat(ran.stdout()).hasSize(4_000_000);
        assertThat(ran.output().displays()).hasSize(501);
        CellEnd end = endOf("cb-long");
        String kept = end.stdout();
        assertThat(kept).startsWith("00000000x").endsWith("00039999" + "x".repeat(91) + "\n");
        assertThat(kept.length()).isLessThan(2 * CellContext.KEPT_STREAM_CHARS + 100);
        long left = 4_000_000L - 2 * CellContext.KEPT_STREAM_CHARS;
        assertThat(kept).contains(OmittedOutput.textMarker(left));
        assertThat(kept.length() - OmittedOutput.textMarker(left).length() + left).isEqualTo(4_000_000L);
        assertThat(end.displays()).hasSize(2 * CellContext.KEPT_DISPLAYS + 1);
        assertThat(end.displays().get(0).plainText()).contains("frame 0");
        assertThat(end.displays().get(CellContext.KEPT_DISPLAYS).plainText())
                .isEqualTo("[... 401 displays left out by the kernel ...]");
        assertThat(OmittedOutput.displaysBehind(end.displays().get(CellContext.KEPT_DISPLAYS))).isEqualTo(401);
        assertThat(end.displays().get(2 * CellContext.KEPT_DISPLAYS).plainText()).contains("frame 500");
    }
}
