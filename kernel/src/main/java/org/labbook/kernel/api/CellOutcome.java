package org.labbook.kernel.api;

import java.util.List;

/** How a cell ended. */
public sealed interface CellOutcome {

    record Ok() implements CellOutcome {
    }

    /**
     * The cell failed: a compile error, an exception, or a {@link UserError}.
     *
     * @param ename     e.g. "CompileError", "java.lang.IllegalStateException", "UsageError"
     * @param evalue    the one-line message
     * @param traceback the lines shown under it (already trimmed of kernel frames)
     */
    record Error(String ename, String evalue, List<String> traceback) implements CellOutcome {
        public Error {
            traceback = List.copyOf(traceback);
        }

        /** "ename: evalue", the summary a list of cells shows. */
        public String summary() {
            return ename + ": " + evalue;
        }
    }

    /**
     * Stopped by an interrupt request or SIGINT.
     *
     * @param note empty when the cell's code ended; otherwise one line for the user on what would not stop
     *             (code that ignores interrupts, left running in the background) and what to do about it
     */
    record Interrupted(String note) implements CellOutcome {
        public Interrupted {
            note = note == null ? "" : note;
        }

        /** A cell whose code ended when interrupted. */
        public Interrupted() {
            this("");
        }
    }

    /** Not run, because an earlier cell in the queue failed and this one asked to stop on error. */
    record Aborted() implements CellOutcome {
    }
}
