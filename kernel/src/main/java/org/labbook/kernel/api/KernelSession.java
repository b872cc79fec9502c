package org.labbook.kernel.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The running kernel as extensions and magics see it. */
public interface KernelSession {

    /**
     * The session of the kernel running the calling code: the one documented way for code inside a cell
     * (and for threads it starts) to reach its kernel. Empty outside a kernel, e.g. in a CI job.
     */
    static Optional<KernelSession> current() {
        return org.labbook.kernel.eval.SessionBinding.current();
    }

    /** A random id for this kernel session (changes on restart). */
    String sessionId();

    /** The notebook's path when known (the JPY_SESSION_NAME environment variable, or set by a magic). */
    Optional<Path> notebookPath();

    void notebookPath(Path path);

    /** The user's JShell state: variables with live values, imports, methods, types. */
    JShellState state();

    /**
     * Evaluates Java source in the user's JShell, as if it were a cell (but not counted, not recorded),
     * and returns the value of its last expression (null for statements and declarations).
     *
     * @throws UserError if it does not compile or throws
     */
    Object evaluate(String javaSource);

    /** Shows a value now, in the cell that is running. Returns its display id. */
    String display(Object value, String... mimeTypes);

    /** Redraws a display shown earlier in place. */
    void updateDisplay(String displayId, Object value);

    /**
     * Clears the running cell's output shown so far; with {@code wait}, only when the next output arrives
     * (which avoids flicker when redrawing in a loop).
     */
    default void clearOutput(boolean wait) {
    }

    /** Renders a value through the display registry without showing it. */
    MimeBundle render(Object value, String... mimeTypes);

    /** The jars and folders added to the user's classpath in this session, in order. */
    List<ClasspathEntry> classpath();

    /** The kernel's version, e.g. "0.1.0". */
    String kernelVersion();
}
