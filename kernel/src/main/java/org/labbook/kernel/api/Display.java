package org.labbook.kernel.api;

import java.util.UUID;

/**
 * The display functions cells call. Every cell has {@code import static org.labbook.kernel.api.Display.*;},
 * so users write {@code display(chart)} as in IJava. Outside a kernel they print the value's text instead.
 */
public final class Display {
    private Display() {
    }

    /** Shows a value now, below the running cell, with every MIME type its renderer produces. Returns its display id. */
    public static String display(Object value) {
        return display(value, new String[0]);
    }

    /** Shows a value with only the given MIME types (e.g. "text/html"). Returns its display id. */
    public static String display(Object value, String... mimeTypes) {
        return KernelSession.current()
                .map(session -> session.display(value, mimeTypes))
                .orElseGet(() -> {
                    System.out.println(value);
                    return UUID.randomUUID().toString();
                });
    }

    /** Redraws, in place, the output shown earlier under {@code displayId}. */
    public static void updateDisplay(String displayId, Object value) {
        KernelSession.current().ifPresentOrElse(
                session -> session.updateDisplay(displayId, value),
                () -> System.out.println(value));
    }

    /** Redraws the output shown under {@code displayId} with only the given MIME types. */
    public static void updateDisplay(String displayId, Object value, String... mimeTypes) {
        KernelSession.current().ifPresentOrElse(
                session -> session.updateDisplay(displayId, session.render(value, mimeTypes)),
                () -> System.out.println(value));
    }

    /** Clears the output the running cell has shown so far. */
    public static void clearOutput() {
        clearOutput(false);
    }

    /** Clears the cell's output; with {@code wait}, when the next output arrives (smooth redraws in a loop). */
    public static void clearOutput(boolean wait) {
        KernelSession.current().ifPresent(session -> session.clearOutput(wait));
    }

    /** The MIME bundle a value would be shown as, without showing it. */
    public static MimeBundle render(Object value, String... mimeTypes) {
        return KernelSession.current()
                .map(session -> session.render(value, mimeTypes))
                .orElseGet(() -> MimeBundle.text(String.valueOf(value)));
    }
}
