package org.labbook.kernel.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.labbook.kernel.api.CellOutcome;

class ExecutionTest {
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
    void lastExpressionOfTheCellBecomesTheResult() {
        var ran = cells.run("int a = 20;\nint b = 22;\na + b").ok();
        assertThat(ran.plain()).isEqualTo("42");
    }

    @Test
    void everyCellSeesTheDefaultImportsAndTheDisplayFunctions() {
        var ran = cells.run("""
                Reader reader = new StringReader("io");
                BigInteger big = BigInteger.TWO;
                URI uri = URI.create("https://example.org");
                Path path = Paths.get("nio");
                List<String> list = new ArrayList<>();
                ConcurrentMap<String, Integer> counts = new ConcurrentHashMap<>();
                Function<Integer, Integer> twice = i -> i * 2;
                Matcher matcher = Pattern.compile("a+").matcher("aa");
                display(Stream.of(big, uri, path, list, counts, twice.apply(2), matcher.matches())
                        .map(String::valueOf).collect(Collectors.joining(" ")));
                """).ok();
        assertThat(ran.output().displays()).extracting(m -> m.bundle().plainText())
                .containsExactly("2 https://example.org nio [] {} 4 true");
    }

    @Test
    void declarationsAndStatementsProduceNoResult() {
        assertThat(cells.run("int unused = 5;").ok().result().value()).isEmpty();
        assertThat(cells.run("System.out.println(\"x\")").ok().result().value()).isEmpty();
    }

    @Test
    void aTrailingSemicolonHidesTheValueOfTheLastExpression() {
        assertThat(cells.run("String.valueOf(7);").ok().result().value()).isEmpty();
        assertThat(cells.run("String.valueOf(7)").ok().plain()).isEqualTo("7");
    }

    @Test
    void resultIsRenderedFromTheLiveObject() {
        var ran = cells.run("new int[] {1, 2, 3}").ok();
        assertThat(ran.plain()).isEqualTo("[1, 2, 3]");
        assertThat(cells.run("\"plain text\"").ok().plain()).isEqualTo("plain text");
    }

    @Test
    void statementsSpanningLinesAreSplitByJShellNotBySemicolons() {
        var ran = cells.run("String s = \"a;b\\n\".trim();\nint n = s\n   .length();\nn * 10").ok();
        assertThat(ran.plain()).isEqualTo("30");
    }

    @Test
    void stdoutArrivesWhileTheCellIsStillRunning() throws Exception {
        CountDownLatch printed = new CountDownLatch(1);
        TestGate.reset();
        var output = new RecordingOutput().onMessage(m -> {
            if ("stream".equals(m.kind()) && m.text().contains("first")) {
                printed.countDown();
            }
        });
        Thread cell = new Thread(() -> cells.run("System.out.println(\"first\");\norg.labbook.kernel.eval.TestGate.await();\nSystem.out.println(\"second\");", output));
        cell.start();
        assertThat(printed.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(output.text("stdout")).isEqualTo("first\n");
        TestGate.open();
        cell.join();
        assertThat(output.text("stdout")).isEqualTo("first\nsecond\n");
    }

    @Test
    void stderrAndThreadsStartedByTheCellGoToTheCell() {
        var ran = cells.run("System.err.println(\"warn\");\n"
                + "Thread t = new Thread(() -> System.out.println(\"from thread\"));\nt.start();\nt.join();").ok();
        assertThat(ran.stderr()).isEqualTo("warn\n");
        assertThat(ran.stdout()).isEqualTo("from thread\n");
    }

    @Test
    void printWithoutNewlineIsDeliveredWhenTheCellEnds() {
        assertThat(cells.run("System.out.print(\"no newline\")").ok().stdout()).isEqualTo("no newline");
    }

    @Test
    void compileErrorPointsAtLineAndColumnOfTheCell() {
        var error = cells.run("int fine = 1;\n\nString s = 5;").error();
        assertThat(error.ename()).isEqualTo("CompileError");
        assertThat(error.evalue()).contains("incompatible types");
        assertThat(error.traceback()).containsSequence(
                "line 3, column 12: incompatible types: int cannot be converted to java.lang.String",
                "String s = 5;",
                "           ^");
    }

    @Test
    void exceptionReportsTypeMessageAndTracebackWithoutKernelFrames() {
        cells.run("// helpers\nvoid explode(String why) {\n    throw new IllegalStateException(why, new RuntimeException(\"root\"));\n}").ok();
        var error = cells.run("int x = 1;\nexplode(\"boom\");").error();
        assertThat(error.ename()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.evalue()).isEqualTo("boom");
        assertThat(error.traceback().get(0)).isEqualTo("java.lang.IllegalStateException: boom");
        assertThat(error.traceback()).anyMatch(l -> l.matches("\tat explode\\(In \\[\\d+\\] line 3\\)"));
        assertThat(error.traceback()).anyMatch(l -> l.matches("\tat <cell>\\(In \\[\\d+\\] line 2\\)"));
        assertThat(error.traceback()).contains("Caused by: java.lang.RuntimeException: root");
        assertThat(error.traceback()).noneMatch(l -> l.contains("jdk.jshell") || l.contains("org.labbook")
                || l.contains("reflect"));
    }

    @Test
    void laterSnippetsDoNotRunAfterAFailure() {
        var ran = cells.run("System.out.println(\"before\");\nInteger.parseInt(\"x\");\nSystem.out.println(\"after\");");
        assertThat(ran.error().ename()).isEqualTo("java.lang.NumberFormatException");
        assertThat(ran.stdout()).isEqualTo("before\n");
    }

    @Test
    void methodUsingAnUndeclaredMethodIsCreatedWithANotice() {
        var ran = cells.run("int twice(int v) { return helper(v) * 2; }").ok();
        assertThat(ran.stderr()).contains("created method twice(int), however, it cannot be invoked until method helper(int) is declared");
        var error = cells.run("twice(1)").error();
        assertThat(error.ename()).isEqualTo("UnresolvedReferenceException");
        cells.run("int helper(int v) { return v + 1; }").ok();
        assertThat(cells.run("twice(1)").ok().plain()).isEqualTo("4");
    }

    @Test
    void interruptStopsAnEndlessLoop() throws Exception {
        var result = new java.util.concurrent.atomic.AtomicReference<Cells.Ran>();
        CountDownLatch running = new CountDownLatch(1);
        var output = new RecordingOutput().onMessage(m -> running.countDown());
        Thread cell = new Thread(() -> result.set(cells.run("System.out.println(\"spinning\");\nwhile (true) { }", output)));
        cell.start();
        assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
        cells.evaluator().interrupt();
        cell.join(30_000);
        assertThat(cell.isAlive()).isFalse();
        assertThat(result.get().result().outcome()).isInstanceOf(CellOutcome.Interrupted.class);
        assertThat(cells.run("1 + 1").ok().plain()).isEqualTo("2");
    }

    @Test
    void aCellThatInterruptsItsOwnThreadDoesNotInterruptTheNextCell() {
        cells.run("Thread.currentThread().interrupt();").ok();
        cells.run("Thread.sleep(1);").ok();
        assertThat(cells.run("Thread.currentThread().isInterrupted()").ok().plain()).isEqualTo("false");
    }

    @Test
    void systemInReadsAskTheFrontEnd() {
        var output = new RecordingOutput().answering("Ada");
        var ran = cells.run("new java.util.Scanner(System.in).nextLine()", output).ok();
        assertThat(ran.plain()).isEqualTo("Ada");
        assertThat(output.messages()).anyMatch(m -> m.kind().equals("input_request"));
    }

    @Test
    void userExpressionsAreEvaluatedWithValuesOrErrors() {
        cells.run("int base = 7;").ok();
        var values = cells.evaluator().userExpressions(java.util.Map.of("ok", "base * 6", "bad", "nope + 1"));
        assertThat(((org.labbook.kernel.engine.ExpressionValue.Value) values.get("ok")).bundle().plainText()).isEqualTo("42");
        assertThat(((org.labbook.kernel.engine.ExpressionValue.Failure) values.get("bad")).error().ename()).isEqualTo("CompileError");
    }
}
