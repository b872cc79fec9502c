package org.labbook.tracking.sweep;

import org.labbook.tracking.ValidationException;

/** A space definition that does not follow the grammar; the message names the line and column. */
public class SpaceSyntaxException extends ValidationException {
    private final int line;
    private final int column;

    public SpaceSyntaxException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    /** 1-based line of the definition where the problem is. */
    public int line() {
        return line;
    }

    /** 1-based column in that line. */
    public int column() {
        return column;
    }
}
