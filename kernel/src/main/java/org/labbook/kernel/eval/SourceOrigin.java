package org.labbook.kernel.eval;

/**
 * Where a piece of Java came from, so errors point at lines the user sees.
 *
 * @param file           the file it was loaded from ({@code %load}), or null for a cell
 * @param executionCount the cell's count, to name cells in stack frames of methods defined earlier
 * @param firstLine      the line of the source's first character in that cell or file (1-based)
 */
record SourceOrigin(String file, int executionCount, int firstLine) {

    static SourceOrigin cell(int executionCount) {
        return new SourceOrigin(null, executionCount, 1);
    }

    SourceOrigin shifted(int lines) {
        return new SourceOrigin(file, executionCount, firstLine + lines);
    }

    /** "line 3" in the cell being reported on, "helpers.jsh line 3" for a loaded file. */
    String line(int line) {
        return file == null ? "line " + line : file + " line " + line;
    }

    /** "In [2] line 3": for stack frames, which may point into an earlier cell. */
    String anyCellLine(int line) {
        return file == null ? "In [" + executionCount + "] line " + line : file + " line " + line;
    }

    /** Number of line breaks in {@code text} before {@code offset}. */
    static int linesBefore(String text, int offset) {
        int lines = 0;
        int end = Math.min(offset, text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
