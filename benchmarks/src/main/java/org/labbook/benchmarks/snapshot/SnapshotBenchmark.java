package org.labbook.benchmarks.snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.labbook.extension.snapshot.CellRecord;
import org.labbook.extension.snapshot.CellRecordBuilder;
import org.labbook.extension.snapshot.SessionSnapshot;
import org.labbook.extension.snapshot.StateChanges;
import org.labbook.extension.snapshot.StateTracker;
import org.labbook.extension.snapshot.VariableRecord;
import org.labbook.kernel.api.CellEnd;
import org.labbook.kernel.api.CellOutcome;
import org.labbook.kernel.api.CellStart;
import org.labbook.kernel.api.JShellState;
import org.labbook.kernel.api.MimeBundle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What recording cells costs. {@code stateOnCellPath} is the only work a cell waits for (comparing the
 * JShell state with the previous cell's); {@code buildRecord} is the background writer's share per cell
 * (caps, redaction, hashing); {@code writeThousandCellSession} writes the notebook and the records of a
 * 1,000-cell session, the target being at most 200 ms. {@code copyThousandCellSources} is the baseline from
 * the same run: merely concatenating the same sources, the least any writer must do.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar 'org.labbook.benchmarks.snapshot.*'}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class SnapshotBenchmark {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final CellRecordBuilder builder = CellRecordBuilder.standard();
    private CellEnd typicalCell;
    private SessionSnapshot thousandCells;
    private MemoryState state;
    private StateTracker tracker;
    private int step;

    @Setup(Level.Trial)
    public void setUp() {
        typicalCell = cell(42);
        List<CellRecord> records = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            records.add(builder.build(cell(i), new StateChanges(
                    List.of(new VariableRecord("loss" + i, "double", String.valueOf(1.0 / i))),
                    List.of(), List.of(), List.of(), List.of())).record());
        }
        thousandCells = new SessionSnapshot("bench", "0.1.0", records);
        List<JShellState.Variable> variables = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            variables.add(new JShellState.Variable("v" + i, "double", String.valueOf(i)));
        }
        state = new MemoryState(variables);
        tracker = new StateTracker();
        tracker.next(state, List.of());
    }

    @Benchmark
    public StateChanges stateOnCellPath() {
        // One variable changes per cell, as in a training loop's cell; 100 variables are live.
        state.variables.set(step % 100, new JShellState.Variable("v" + (step % 100), "double", String.valueOf(step++)));
        return tracker.next(state, List.of());
    }

    @Benchmark
    public Object buildRecord() {
        return builder.build(typicalCell, StateChanges.none());
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int writeThousandCellSession() {
        return thousandCells.notebook().length + thousandCells.records().length;
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int copyThousandCellSources() {
        StringBuilder out = new StringBuilder();
        for (CellRecord cell : thousandCells.cells()) {
            out.append(cell.source()).append(cell.stdout());
        }
        return out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private static CellEnd cell(int count) {
        CellStart start = new CellStart(count, Optional.of("cell-" + count),
                "double loss" + count + " = model.fit(data, " + count + ");\nSystem.out.println(loss" + count + ");",
                T0.plusSeconds(count), false, true);
        return new CellEnd(start, start.start().plus(Duration.ofMillis(120)), new CellOutcome.Ok(),
                "epoch " + count + " loss=" + (1.0 / count) + "\n".repeat(1) + "step 1/10 ok\n".repeat(20), "",
                List.of(), Optional.of(MimeBundle.of(Map.of("text/plain", String.valueOf(1.0 / count)))),
                new MemoryState(List.of()));
    }

    /** The JShell state as the kernel would hold it, in memory. */
    static final class MemoryState implements JShellState {
        final List<Variable> variables;

        MemoryState(List<Variable> variables) {
            this.variables = new ArrayList<>(variables);
        }

        @Override
        public List<Variable> variables() {
            return variables;
        }

        @Override
        public Optional<Object> value(String variableName) {
            return Optional.empty();
        }

        @Override
        public List<String> imports() {
            return List.of("import java.util.*;");
        }

        @Override
        public List<String> methods() {
            return List.of();
        }

        @Override
        public List<String> types() {
            return List.of();
        }
    }
}
