package org.labbook.kernel.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.Set;
import java.util.IdentityHashMap;
import java.util.Collections;
import jdk.jshell.Diag;
import org.labbook.kernel.api.CellOutcome;

/** Turns compile diagnostics and exceptions into what the front end shows: ename, evalue, traceback. */
final class ErrorReports {
    /** Frames from here down belong to the machinery that called the user's snippet. */
    private static final List<String> MACHINERY = List.of(
            "jdk.internal.reflect.", "java.lang.reflect.Method", "jdk.jshell.", "org.labbook.kernel.eval.");
    private static final String SNIPPET_CLASS_PREFIX = "REPL.";

    private ErrorReports() {
    }

    /**
     * A rejected snippet.
     *
     * @param source       the Java text the snippet was cut from
     * @param snippetStart where the snippet begins in {@code source}
     */
    static CellOutcome.Error compileError(List<Diag> diagnostics, String source, int snippetStart, SourceOrigin origin) {
        List<Diag> errors = diagnostics.stream().filter(Diag::isError).toList();
        if (errors.isEmpty()) {
            errors = diagnostics;
        }
        List<String> traceback = new ArrayList<>();
        String first = null;
        for (Diag diag : errors) {
            String message = diag.getMessage(Locale.ROOT);
            if (first == null) {
                first = message;
            }
            long position = diag.getPosition() >= 0 ? diag.getPosition() : diag.getStartPosition();
            int offset = (int) Math.min(source.length(), snippetStart + Math.max(0, position));
            int lineStart = source.lastIndexOf('\n', offset - 1) + 1;
            int lineEnd = source.indexOf('\n', offset);
            String line = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd);
            int lineNumber = origin.firstLine() + SourceOrigin.linesBefore(source, offset);
            int column = offset - lineStart + 1;
            traceback.add(origin.line(lineNumber) + ", column " + column + ": " + message);
            traceback.add(line);
            traceback.add(" ".repeat(Math.max(0, column - 1)) + "^");
        }
        return new CellOutcome.Error("CompileError", first == null ? "does not compile" : first.lines().findFirst().orElse(""), traceback);
    }

    /**
     * An exception thrown by user code, with frames of the kernel and JShell removed and snippet frames shown
     * at their line in the cell that defined them.
     */
    static CellOutcome.Error exception(Throwable thrown, Function<StackTraceElement, Optional<String>> snippets) {
        List<String> traceback = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable current = thrown;
        String prefix = "";
        while (current != null && seen.add(current)) {
            traceback.add(prefix + headline(current));
            for (StackTraceElement frame : current.getStackTrace()) {
                if (isMachinery(frame)) {
                    break;
                }
                traceback.add("\tat " + describe(frame, snippets));
            }
            current = current.getCause();
            prefix = "Caused by: ";
        }
        String message = thrown.getMessage() == null ? "" : thrown.getMessage();
        return new CellOutcome.Error(thrown.getClass().getName(), message, traceback);
    }

    private static String headline(Throwable t) {
        return t.getMessage() == null ? t.getClass().getName() : t.getClass().getName() + ": " + t.getMessage();
    }

    private static boolean isMachinery(StackTraceElement frame) {
        String type = frame.getClassName();
        for (String prefix : MACHINERY) {
            if (type.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(StackTraceElement frame, Function<StackTraceElement, Optional<String>> snippets) {
        if (!frame.getClassName().startsWith(SNIPPET_CLASS_PREFIX)) {
            return frame.toString();
        }
        String method = frame.getMethodName().startsWith("do_it$") ? "<cell>" : frame.getMethodName();
        return method + "(" + snippets.apply(frame).orElse("snippet") + ")";
    }

    /** A mistake the user can fix from one line: no traceback beyond that line. */
    static CellOutcome.Error oneLine(String ename, String message) {
        return new CellOutcome.Error(ename, message, List.of(ename + ": " + message));
    }
}
