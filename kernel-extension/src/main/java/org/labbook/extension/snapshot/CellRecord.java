package org.labbook.extension.snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One execution of a cell, as Labbook keeps it: enough to show it, diff it and run it again. Texts are
 * capped (a visible marker says where) and secrets are removed before a record is built.
 *
 * @param cellId         the front end's cell id, else {@code <count>-<hash of the source>}
 * @param executionCount the count shown as {@code In [n]}
 * @param silent         a silent request (not counted, published nothing)
 * @param source         the cell's source
 * @param start          when evaluation began
 * @param duration       how long it ran
 * @param outcome        ok, error, interrupted or aborted
 * @param stdout         what it wrote to stdout
 * @param stderr         what it wrote to stderr
 * @param result         its execute_result, if any
 * @param displays       its display_data outputs, in order
 * @param state          what it changed in the JShell state
 */
public record CellRecord(String cellId, int executionCount, boolean silent, String source, Instant start,
                         Duration duration, Outcome outcome, String stdout, String stderr,
                         Optional<OutputBundle> result, List<OutputBundle> displays, StateChanges state) {
    public CellRecord {
        Objects.requireNonNull(cellId, "cellId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(outcome, "outcome");
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
        result = result == null ? Optional.empty() : result;
        displays = List.copyOf(displays);
        state = state == null ? StateChanges.none() : state;
    }

    /** Every blob the cell's outputs refer to. */
    public List<BlobRef> blobs() {
        return java.util.stream.Stream.concat(result.stream(), displays.stream())
                .flatMap(bundle -> bundle.blobs().values().stream())
                .toList();
    }
}
