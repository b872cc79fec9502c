package org.labbook.benchmarks.kernel;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.labbook.kernel.api.CellOutcome;
import org.labbook.kernel.api.MimeBundle;
import org.labbook.kernel.engine.CellOutput;
import org.labbook.kernel.engine.Evaluator;
import org.labbook.kernel.engine.ExecutionRequest;
import org.labbook.kernel.engine.ExecutionResult;
import org.labbook.kernel.eval.JShellEvaluator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the stop checks cost a cell: the kernel's own evaluator runs a cell with the checks that let an interrupt
 * end its loops (checks=on, as the kernel runs) and with snippet classes loaded as compiled (checks=off, the
 * baseline: {@code -Dlabbook.stopChecks=off}). Two cells: the trivial one (compile, rewrite and load its class,
 * run it), where the cost is the rewriting; and a tight numeric loop, where it is the check on every turn.
 * {@link KernelBenchmarks} prints both with their ratio; run it once per Java.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-XX:+UseSerialGC", "-Djava.awt.headless=true"})
public class StopChecksBenchmark {
    /** The cells, as users write them; the loop's sum goes to a variable so the JIT cannot drop the loop. */
    static final String TRIVIAL_CELL = "System.out.println(\"x\");";
    static final String LOOP_CELL = "{ long s = 0; for (int i = 0; i < 20_000_000; i++) { s += i * (long) i; } sink = s; }";

    @Param({"on", "off"})
    public String checks;

    private Evaluator evaluator;
    private int count;

    @Setup(Level.Trial)
    public void startKernel() {
        // Each trial runs in its own JVM (a fork): the evaluator reads the switch once, when it starts.
        System.setProperty("labbook.stopChecks", checks);
        evaluator = JShellEvaluator.create();
        run("long sink = 0;");
    }

    @TearDown(Level.Trial)
    public void stopKernel() {
        evaluator.close();
    }

    @Benchmark
    public ExecutionResult trivialCell() {
        return run(TRIVIAL_CELL);
    }

    @Benchmark
    public ExecutionResult tightLoopCell() {
        return run(LOOP_CELL);
    }

    private ExecutionResult run(String code) {
        count++;
        ExecutionResult result = evaluator.execute(new ExecutionRequest(count, Optional.empty(), code, false, true,
                false, Instant.now()), Discard.INSTANCE);
        if (!(result.outcome() instanceof CellOutcome.Ok)) {
            throw new IllegalStateException("'" + code + "' failed: " + result.outcome());
        }
        return result;
    }

    /** Output goes nowhere: the benchmark measures evaluation, not publishing. */
    private enum Discard implements CellOutput {
        INSTANCE;

        @Override
        public void stream(String name, String text) {
        }

        @Override
        public void display(MimeBundle bundle, String displayId, boolean update) {
        }

        @Override
        public void clearOutput(boolean wait) {
        }

        @Override
        public String readInput(String prompt, boolean password) {
            return "";
        }
    }
}
