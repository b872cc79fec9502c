package org.labbook.kernel.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jdk.jshell.SourceCodeAnalysis;
import org.labbook.kernel.api.MimeBundle;
import org.labbook.kernel.engine.Completion;
import org.labbook.kernel.engine.Inspection;
import org.labbook.kernel.engine.IsComplete;
import org.labbook.kernel.eval.magic.MagicRegistry;

/** Completion, inspection and is-complete checks, answered by JShell's source analysis. */
final class CodeAssist {
    private static final String INDENT = "    ";
    private final UserShell shell;
    private final MagicRegistry magics;
    private final Runnable prepareImports;

    /** @param prepareImports makes the deferred imports, whose names completion and documentation look up */
    CodeAssist(UserShell shell, MagicRegistry magics, Runnable prepareImports) {
        this.shell = shell;
        this.magics = magics;
        this.prepareImports = prepareImports;
    }

    private SourceCodeAnalysis analysis() {
        return shell.jshell().sourceCodeAnalysis();
    }

    Completion complete(String code, int cursor) {
        int position = Math.max(0, Math.min(cursor, code.length()));
        int lineStart = code.lastIndexOf('\n', position - 1) + 1;
        String linePrefix = code.substring(lineStart, position);
        if (linePrefix.stripLeading().startsWith("%") && !linePrefix.contains(" ")) {
            return completeMagic(linePrefix.strip(), lineStart + linePrefix.indexOf('%'), position);
        }
        // JShell completes one snippet: hand it the Java of the current part, with magic lines blanked out.
        String java = blankMagicLines(code);
        prepareImports.run();
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = analysis().completionSuggestions(java, position, anchor);
        Set<String> matches = new LinkedHashSet<>();
        suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType)
                .forEach(s -> matches.add(s.continuation()));
        suggestions.forEach(s -> matches.add(s.continuation()));
        return new Completion(new ArrayList<>(matches), anchor[0], position);
    }

    private Completion completeMagic(String typed, int start, int end) {
        List<String> matches = magics.names().stream().filter(n -> n.startsWith(typed)).toList();
        return new Completion(matches, start, end);
    }

    private static String blankMagicLines(String code) {
        StringBuilder out = new StringBuilder(code.length());
        for (String line : code.split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(line.stripLeading().startsWith("%") ? " ".repeat(line.length()) : line);
        }
        return out.toString();
    }

    Inspection inspect(String code, int cursor, int detailLevel) {
        int position = Math.max(0, Math.min(cursor, code.length()));
        prepareImports.run();
        List<SourceCodeAnalysis.Documentation> docs = documentation(blankMagicLines(code), position);
        if (docs.isEmpty()) {
            return new Inspection(Optional.empty());
        }
        StringBuilder plain = new StringBuilder();
        StringBuilder markdown = new StringBuilder();
        for (SourceCodeAnalysis.Documentation doc : docs) {
            String javadoc = doc.javadoc() == null || doc.javadoc().isBlank()
                    ? cellJavadoc(doc.signature()) : doc.javadoc().strip();
            plain.append(doc.signature()).append('\n');
            markdown.append("```java\n").append(doc.signature()).append("\n```\n");
            if (!javadoc.isEmpty()) {
                plain.append('\n').append(javadoc).append("\n\n");
                markdown.append('\n').append(javadoc).append("\n\n");
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("text/plain", plain.toString().strip());
        data.put("text/markdown", markdown.toString().strip());
        return new Inspection(Optional.of(MimeBundle.of(data)));
    }

    /**
     * JShell finds javadoc in source jars and the JDK's src.zip, not in cells: for a method a cell defined,
     * take the comment from the cell's own source.
     */
    private String cellJavadoc(String signature) {
        String normalized = signature.replaceAll("\\s+", " ").strip();
        return shell.jshell().methods()
                .filter(m -> shell.jshell().status(m).isActive())
                .filter(m -> ShellState.signature(m.source(), "").equals(normalized))
                .map(m -> javadocOf(m.source()))
                .filter(doc -> !doc.isEmpty())
                .reduce((first, second) -> second)
                .orElse("");
    }

    private static String javadocOf(String source) {
        java.util.regex.Matcher comment = JAVADOC.matcher(source);
        if (!comment.find()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (String line : comment.group(1).split("\n")) {
            String stripped = line.strip();
            text.append(stripped.startsWith("*") ? stripped.substring(1).strip() : stripped).append('\n');
        }
        return text.toString().strip();
    }

    private static final java.util.regex.Pattern JAVADOC = java.util.regex.Pattern.compile("(?s)/\\*\\*(.*?)\\*/");

    /**
     * JShell documents the call or name just before the cursor; a cursor inside a name (as front ends send
     * on shift-tab) is moved to the end of that name first.
     */
    private List<SourceCodeAnalysis.Documentation> documentation(String code, int position) {
        int end = position;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
            end++;
        }
        List<SourceCodeAnalysis.Documentation> docs = analysis().documentation(code, end, true);
        if (docs.isEmpty() && end < code.length() && code.charAt(end) == '(') {
            docs = analysis().documentation(code, end + 1, true);
        }
        return docs;
    }

    IsComplete isComplete(String code) {
        if (code.stripLeading().startsWith("%")) {
            return new IsComplete("complete", "");
        }
        String rest = code;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis().analyzeCompletion(rest);
            switch (info.completeness()) {
                case COMPLETE, COMPLETE_WITH_SEMI -> rest = info.remaining();
                case EMPTY -> rest = "";
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
                    return new IsComplete("incomplete", indentAfter(code));
                }
                default -> {
                    return new IsComplete("invalid", "");
                }
            }
        }
        return new IsComplete("complete", "");
    }

    /** The next line keeps the last line's indent, one level deeper after an opening brace or parenthesis. */
    private static String indentAfter(String code) {
        String lastLine = code.substring(code.lastIndexOf('\n') + 1);
        String indent = lastLine.substring(0, lastLine.length() - lastLine.stripLeading().length());
        String trimmed = lastLine.strip();
        boolean opens = trimmed.endsWith("{") || trimmed.endsWith("(") || trimmed.endsWith("[");
        return opens ? indent + INDENT : indent;
    }
}
