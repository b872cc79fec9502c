package org.labbook.kernel.eval;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import org.labbook.kernel.api.CellOutcome;

/**
 * Evaluates Java source snippet by snippet, as JShell itself splits it, and reports the first failure with
 * positions relative to what the user wrote.
 */
final class JavaRunner {
    private final UserShell shell;
    /** A snippet and where its text begins, so stack frames (also of methods from earlier cells) point there. */
    private record Placed(Snippet snippet, SourceOrigin textStart) {
    }

    // Wrapper class name (as in stack frames) -> the snippet it was compiled from.
    private final Map<String, Placed> snippetsByClass = new ConcurrentHashMap<>();
    private volatile boolean stopRequested;

    JavaRunner(UserShell shell) {
        this.shell = shell;
    }

    /**
     * What a run produced.
     *
     * @param outcome  ok, the first error, or interrupted
     * @param hasValue whether the last snippet was an expression (its value may be null)
     * @param value    the live value of that expression
     */
    record Run(CellOutcome outcome, boolean hasValue, Object value) {
        static Run ok(boolean hasValue, Object value) {
            return new Run(new CellOutcome.Ok(), hasValue, value);
        }

        static Run failed(CellOutcome outcome) {
            return new Run(outcome, false, null);
        }
    }

    /** Clears an earlier interrupt; call when a new cell starts. */
    void resetStop() {
        stopRequested = false;
        shell.control().resetStop();
    }

    /** Asks the running snippet to stop; the remaining snippets of the cell are skipped. */
    void requestStop() {
        stopRequested = true;
        shell.stop();
    }

    boolean stopRequested() {
        return stopRequested;
    }

    /** How an interrupted cell ended, with the note of a snippet that would not stop, if any. */
    CellOutcome.Interrupted interrupted() {
        return new CellOutcome.Interrupted(shell.control().stopNote());
    }

    /**
     * @param notices where to write JShell's notes for the user (a method that cannot run until another exists)
     */
    Run run(String source, SourceOrigin origin, Consumer<String> notices) {
        JShell jshell = shell.jshell();
        SourceCodeAnalysis analysis = jshell.sourceCodeAnalysis();
        String rest = source;
        int offset = 0;
        Run last = Run.ok(false, null);
        while (!rest.isBlank()) {
            if (stopRequested) {
                return Run.failed(interrupted());
            }
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            boolean whole = info.source() == null;
            // Incomplete input is still handed to JShell: its diagnostics say what is missing.
            String snippetSource = whole ? rest : info.source();
            String remaining = whole ? "" : info.remaining();
            List<SnippetEvent> events = shell.eval(snippetSource);
            SourceOrigin textStart = origin.shifted(SourceOrigin.linesBefore(source, offset));
            List<String> loadedClasses = shell.control().drainLoaded();
            events.stream().filter(e -> e.causeSnippet() == null).findFirst().ifPresent(main ->
                    loadedClasses.forEach(name -> snippetsByClass.put(name, new Placed(main.snippet(), textStart))));
            if (stopRequested) {
                return Run.failed(interrupted());
            }
            SourceOrigin snippetOrigin = origin.shifted(SourceOrigin.linesBefore(source, offset));
            last = report(jshell, events, source, offset, snippetOrigin, notices);
            if (!(last.outcome() instanceof CellOutcome.Ok)) {
                return last;
            }
            offset += rest.length() - remaining.length();
            rest = remaining;
        }
        return last;
    }

    private Run report(JShell jshell, List<SnippetEvent> events, String source, int offset, SourceOrigin origin,
                       Consumer<String> notices) {
        Run result = Run.ok(false, null);
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue; // an update of a dependent snippet, not the one just evaluated
            }
            Snippet snippet = event.snippet();
            if (event.status() == Snippet.Status.REJECTED) {
                List<jdk.jshell.Diag> diagnostics = jshell.diagnostics(snippet).toList();
                return Run.failed(ErrorReports.compileError(diagnostics, source, offset, origin));
            }
            if (event.exception() != null) {
                return Run.failed(failure(jshell, event.exception()));
            }
            if (snippet instanceof DeclarationSnippet declaration
                    && event.status() == Snippet.Status.RECOVERABLE_DEFINED) {
                notices.accept(unresolvedNotice(jshell, declaration));
            }
            // A trailing semicolon hides the value, as in IPython: `display(chart);` shows the chart, not its id.
            boolean expression = (snippet.kind() == Snippet.Kind.EXPRESSION
                    || snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND)
                    && !snippet.source().strip().endsWith(";");
            result = Run.ok(expression, expression ? shell.control().lastValue() : null);
        }
        return result;
    }

    /**
     * Where a stack frame of a snippet class is in the user's text. Frame line numbers count lines of JShell's
     * generated wrapper; the wrapper maps its positions back to the snippet's source.
     */
    private java.util.Optional<String> locate(StackTraceElement frame) {
        Placed placed = snippetsByClass.get(frame.getClassName());
        if (placed == null) {
            return java.util.Optional.empty();
        }
        String source = placed.snippet().source();
        int sourceLine = SourceOrigin.linesBefore(source, leadingBlank(source));
        try {
            SourceCodeAnalysis.SnippetWrapper wrapper = shell.jshell().sourceCodeAnalysis().wrapper(placed.snippet());
            if (wrapper.fullClassName().equals(frame.getClassName()) && frame.getLineNumber() > 0) {
                String wrapped = wrapper.wrapped();
                int position = firstCodeOfLine(wrapped, frame.getLineNumber());
                int inSource = position < 0 ? -1 : wrapper.wrappedToSourcePosition(position);
                if (inSource >= 0) {
                    sourceLine = SourceOrigin.linesBefore(source, inSource);
                }
            }
        } catch (RuntimeException e) {
            // The snippet was dropped or replaced since: its first line is still the best pointer.
        }
        SourceOrigin origin = placed.textStart();
        return java.util.Optional.of(origin.anyCellLine(origin.firstLine() + sourceLine));
    }

    /** Offset of the first non-blank character on 1-based {@code line} of {@code text}, or -1. */
    private static int firstCodeOfLine(String text, int line) {
        int offset = 0;
        for (int i = 1; i < line; i++) {
            offset = text.indexOf('\n', offset) + 1;
            if (offset == 0) {
                return -1;
            }
        }
        while (offset < text.length() && text.charAt(offset) != '\n' && Character.isWhitespace(text.charAt(offset))) {
            offset++;
        }
        return offset < text.length() ? offset : -1;
    }

    /** Characters of blank lines and comments JShell kept in front of the snippet's code. */
    private static int leadingBlank(String snippet) {
        int i = 0;
        while (i < snippet.length()) {
            if (Character.isWhitespace(snippet.charAt(i))) {
                i++;
            } else if (snippet.startsWith("//", i)) {
                int end = snippet.indexOf('\n', i);
                i = end < 0 ? snippet.length() : end;
            } else if (snippet.startsWith("/*", i)) {
                int end = snippet.indexOf("*/", i + 2);
                i = end < 0 ? snippet.length() : end + 2;
            } else {
                break;
            }
        }
        return i;
    }

    private CellOutcome.Error failure(JShell jshell, JShellException exception) {
        if (exception instanceof UnresolvedReferenceException unresolved) {
            DeclarationSnippet snippet = unresolved.getSnippet();
            return ErrorReports.oneLine("UnresolvedReferenceException", "Attempted to use " + describe(snippet)
                    + " which cannot be invoked until " + missing(jshell, snippet) + " is declared");
        }
        Throwable live = shell.control().lastThrown();
        if (live != null) {
            return ErrorReports.exception(live, this::locate);
        }
        String type = exception instanceof EvalException eval ? eval.getExceptionClassName() : exception.getClass().getName();
        String message = exception.getMessage() == null ? "" : exception.getMessage();
        return new CellOutcome.Error(type, message, List.of(type + ": " + message));
    }

    private static String unresolvedNotice(JShell jshell, DeclarationSnippet snippet) {
        String use = snippet.kind() == Snippet.Kind.METHOD ? "invoked" : "referenced";
        return "created " + describe(snippet) + ", however, it cannot be " + use + " until "
                + missing(jshell, snippet) + " is declared\n";
    }

    private static String describe(DeclarationSnippet snippet) {
        return switch (snippet.kind()) {
            case METHOD -> "method " + snippet.name() + "(" + ((jdk.jshell.MethodSnippet) snippet).parameterTypes() + ")";
            case VAR -> "variable " + snippet.name();
            case TYPE_DECL -> "class " + snippet.name();
            default -> snippet.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + snippet.name();
        };
    }

    private static String missing(JShell jshell, DeclarationSnippet snippet) {
        return jshell.unresolvedDependencies(snippet).collect(Collectors.joining(", "));
    }
}
