package org.labbook.kernel.protocol;

import java.io.PrintStream;

/**
 * The kernel's own one-line diagnostics. They go to the process's original stderr, captured before cells
 * run, so they never land in a cell's output when the evaluator redirects {@code System.err}.
 */
public final class KernelLog {
    private static final PrintStream ERR = System.err;

    private KernelLog() {
    }

    /** Captures the original stderr now; call before the evaluator starts. */
    public static void capture() {
        // Loading this class captured it.
    }

    public static void line(String text) {
        ERR.println("labbook: " + text);
        ERR.flush();
    }
}
