package org.labbook.extension.snapshot;

import java.util.List;
import java.util.Objects;

/**
 * How a recorded cell ended.
 *
 * @param kind      ok, error, interrupted or aborted
 * @param ename     for an error, its name (e.g. "CompileError"); else ""
 * @param evalue    for an error, its one-line message; else ""
 * @param traceback for an error, the lines shown under it; else empty
 */
public record Outcome(Kind kind, String ename, String evalue, List<String> traceback) {

    public enum Kind { OK, ERROR, INTERRUPTED, ABORTED }

    public Outcome {
        Objects.requireNonNull(kind, "kind");
        ename = ename == null ? "" : ename;
        evalue = evalue == null ? "" : evalue;
        traceback = List.copyOf(traceback);
    }

    public static Outcome ok() {
        return new Outcome(Kind.OK, "", "", List.of());
    }

    public static Outcome of(Kind kind) {
        return new Outcome(kind, "", "", List.of());
    }

    /** "ok", "interrupted", "aborted", or "error: ename: evalue" — what a list of cells shows. */
    public String summary() {
        return kind == Kind.ERROR ? "error: " + ename + ": " + evalue : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
