package org.labbook.extension.snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.labbook.kernel.api.CellEnd;
import org.labbook.kernel.api.CellOutcome;
import org.labbook.kernel.api.CellStart;
import org.labbook.kernel.api.JShellState;
import org.labbook.kernel.api.MimeBundle;

/** Cells as the kernel reports them, for tests. */
final class Cells {
    static final Instant T0 = Instant.parse("2026-11-26T04:00:00Z");

    private Cells() {
    }

    static CellEnd ok(int count, String source, String stdout) {
        return end(count, Optional.of("cell-" + count), source, new CellOutcome.Ok(), stdout, "", List.of(),
                Optional.empty());
    }

    static CellEnd end(int count, Optional<String> id, String source, CellOutcome outcome, String stdout,
                       String stderr, List<MimeBundle> displays, Optional<MimeBundle> result) {
        CellStart start = new CellStart(count, id, source, T0.plusSeconds(count), false, true);
        return new CellEnd(start, start.start().plus(Duration.ofMillis(250)), outcome, stdout, stderr, displays,
                result, State.empty());
    }

    /** A JShell state held in memory. */
    record State(List<Variable> variables, List<String> imports, List<String> methods, List<String> types)
            implements JShellState {
        static State empty() {
            return new State(List.of(), List.of(), List.of(), List.of());
        }

        State with(Variable variable) {
            List<Variable> next = new ArrayList<>(variables.stream().filter(v -> !v.name().equals(variable.name())).toList());
            next.add(variable);
            return new State(next, imports, methods, types);
        }

        @Override
        public Optional<Object> value(String variableName) {
            return Optional.empty();
        }
    }

    static MimeBundle png(byte[] bytes) {
        return MimeBundle.of(Map.of("image/png", java.util.Base64.getEncoder().encodeToString(bytes),
                "text/plain", "<chart>"));
    }
}
