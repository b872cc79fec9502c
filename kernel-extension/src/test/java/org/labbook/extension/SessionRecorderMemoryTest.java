package org.labbook.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.context.capture.EnvironmentCapture;
import org.labbook.context.capture.GitCapture;
import org.labbook.extension.snapshot.CellRecord;
import org.labbook.extension.snapshot.CellRecordBuilder;
import org.labbook.extension.snapshot.StateChanges;
import org.labbook.kernel.api.CellEnd;
import org.labbook.kernel.api.CellOutcome;
import org.labbook.kernel.api.CellStart;
import org.labbook.kernel.api.JShellState;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.Run;
import org.labbook.tracking.Tracker;

/**
 * The recorder of a long session, writing to a real SQLite store: it holds a bounded window of cell records, and
 * dropping them loses nothing a run records.
 */
class SessionRecorderMemoryTest {
    private static final int MAX_CELLS = 50;

    @TempDir
    Path storeDir;

    @Test
    void aLongSessionKeepsABoundedWindowOfCellsAndEveryRunStillGetsAllOfItsOwn() throws Exception {
        try (Tracker tracker = Labbook.open(storeDir.toString())) {
            TrackedRuns runs = new TrackedRuns() {
                @Override
                public Optional<Run> activeRun() {
                    return Optional.empty();
                }

                @Override
                public Optional<Tracker> tracker() {
                    return Optional.of(tracker);
                }
            };
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            SessionRecorder recorder = new SessionRecorder("session", "test", runs, CellRecordBuilder.standard(),
                    EnvironmentCapture.ofThisProcess(), GitCapture.standard(),
                    new PrintStream(errors, true, StandardCharsets.UTF_8), MAX_CELLS);
            // 300 cells with nothing tracked, then a run over 200 cells, then 300 more untracked.
            int count = 0;
            for (; count < 300; count++) {
                recorder.submit(event(count, List.of(), Set.of()));
            }
            Run run = tracker.start("memory", "long");
            for (int i = 0; i < 200; i++, count++) {
                recorder.submit(event(count, List.of(run), i == 199 ? Set.of(run.id()) : Set.of()));
            }
            run.end(org.labbook.tracking.RunStatus.FINISHED);
            for (int i = 0; i < 300; i++, count++) {
                recorder.submit(event(count, List.of(), Set.of()));
            }
            recorder.close();

            assertThat(errors.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(recorder.cellsInMemory()).isEqualTo(MAX_CELLS);
            List<CellRecord> recorded = RunArtifacts.session(tracker, run.id()).orElseThrow().cells();
            List<String> sources = recorded.stream().map(CellRecord::source).toList();
            // The run got the window before it, then every one of its own cells, in order.
            assertThat(sources).contains("cell 251", "cell 299", "cell 300", "cell 499").doesNotContain("cell 250");
            assertThat(sources.subList(sources.indexOf("cell 300"), sources.size()))
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(300, 500)
                            .mapToObj(i -> "cell " + i).toList());
        }
    }

    private static CellEvent event(int count, List<Run> runs, Set<String> ended) {
        CellStart start = new CellStart(count + 1, Optional.of("c" + count), "cell " + count,
                Instant.parse("2026-12-01T00:00:00Z").plusSeconds(count), false, true);
        CellEnd end = new CellEnd(start, start.start().plus(Duration.ofMillis(5)), new CellOutcome.Ok(),
                "out " + count + "\n", "", List.of(), Optional.empty(), EmptyState.INSTANCE);
        return new CellEvent(end, StateChanges.none(), runs, ended, Optional.empty(), List.of(), Map.of());
    }

    private enum EmptyState implements JShellState {
        INSTANCE;

        @Override
        public List<Variable> variables() {
            return List.of();
        }

        @Override
        public Optional<Object> value(String variableName) {
            return Optional.empty();
        }

        @Override
        public List<String> imports() {
            return List.of();
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
