package org.labbook.kernel.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A cell that ran (or was aborted), with everything it did.
 *
 * @param cell     the start record that {@link KernelExtension#beforeCell} saw
 * @param end      when it ended
 * @param outcome  ok, error, interrupted or aborted
 * @param stdout   all text the cell wrote to stdout
 * @param stderr   all text the cell wrote to stderr
 * @param displays every display_data the cell published, in order (updates included)
 * @param result   the execute_result, when the last snippet was an expression with a value
 * @param state    the JShell state the cell left behind
 */
public record CellEnd(CellStart cell, Instant end, CellOutcome outcome, String stdout, String stderr,
                      List<MimeBundle> displays, Optional<MimeBundle> result, JShellState state) {
    public CellEnd {
        displays = List.copyOf(displays);
    }
}
