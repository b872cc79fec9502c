package org.labbook.kernel.engine;

import java.util.Map;

/**
 * Runs the user's Java. Calls to {@link #execute}, {@link #complete}, {@link #inspect}, {@link #isComplete},
 * {@link #userExpressions} and {@link #aborted} come one at a time from the kernel's execution thread;
 * {@link #interrupt()} may come from any thread while a cell runs.
 */
public interface Evaluator extends AutoCloseable {

    /**
     * Runs one cell: extensions' beforeCell, magics or JShell snippet by snippet, the last expression's value,
     * extensions' afterCell. Output produced while it runs goes to {@code output} as it happens.
     */
    ExecutionResult execute(ExecutionRequest request, CellOutput output);

    /** Tells extensions that a queued cell was not run (an earlier cell failed and it asked to stop on error). */
    void aborted(ExecutionRequest request);

    /** Evaluates each expression; the value is a rendered bundle or an error, keyed as given. */
    Map<String, ExpressionValue> userExpressions(Map<String, String> expressions);

    Completion complete(String code, int cursorPos);

    Inspection inspect(String code, int cursorPos, int detailLevel);

    /** "complete", "incomplete" (with an indent), "invalid" or "unknown". */
    IsComplete isComplete(String code);

    /** Stops the running cell, if any, as soon as possible. Safe to call from any thread. */
    void interrupt();

    /** Releases JShell and tells extensions the session ends. */
    @Override
    void close();
}
