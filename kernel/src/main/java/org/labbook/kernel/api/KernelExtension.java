package org.labbook.kernel.api;

/**
 * A plug-in of the kernel, found with {@link java.util.ServiceLoader} when the kernel starts and again
 * whenever the classpath grows ({@code %maven}, {@code %jars}). List the implementation in
 * {@code META-INF/services/org.labbook.kernel.api.KernelExtension}; it needs a public no-argument constructor.
 *
 * <p>Every callback runs on the thread that evaluates cells, so an extension needs no locking against cells;
 * it must return quickly (collect what is in memory, write in the background). An extension whose callback
 * throws is reported once on stderr and disabled for the rest of the session: it never breaks a cell.
 */
public interface KernelExtension {

    /** A short name for messages, e.g. "labbook-tracking". */
    default String name() {
        return getClass().getName();
    }

    /** Called once, before any cell of the user runs: register magics, renderers and startup snippets. */
    void register(ExtensionContext context);

    /** Called before the cell is evaluated (after it was counted and the kernel went busy). */
    default void beforeCell(CellStart cell) {
    }

    /** Called after every cell: ok, failed, interrupted, and aborted ones alike. */
    default void afterCell(CellEnd cell) {
    }

    /** Called once when the kernel shuts down or restarts; flush what is pending. */
    default void shutdown() {
    }
}
