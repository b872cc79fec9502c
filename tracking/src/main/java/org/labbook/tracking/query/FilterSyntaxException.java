package org.labbook.tracking.query;

import org.labbook.tracking.TrackingException;

/**
 * A filter or order-by that does not parse or breaks a rule of the language.
 *
 * <p>{@link #getMessage()} is one line: where ({@code Bad filter at column 17}), what was wrong, the
 * rule and a fix, for example {@code Bad filter at column 13: expected an operator (= != < <= > >= IN,
 * NOT IN, IS NULL, IS NOT NULL) after 'metrics.acc' but found 'foo'. Example: metrics.acc > 0.9}.
 * {@link #caretLine()} adds a picture of the input with a caret under that column.
 */
public final class FilterSyntaxException extends TrackingException {

    /** How much of a long input {@link #caretLine()} shows on each side of the column. */
    private static final int WINDOW = 36;

    private final String input;
    private final int column;
    private final String reason;

    /**
     * The error at a char index of the input, reported as a code-point column. Control characters in
     * the reason (a key or value quoted back may hold a line break) are escaped so the message stays
     * one line.
     */
    static FilterSyntaxException at(String subject, String input, int index, String reason) {
        int column = input.codePointCount(0, Math.min(index, input.length())) + 1;
        StringBuilder oneLine = new StringBuilder(reason.length());
        reason.codePoints().forEach(c -> {
            if (c == '\n') {
                oneLine.append("\\n");
            } else if (c == '\t') {
                oneLine.append("\\t");
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                oneLine.append(String.format("\\u%04x", c));
            } else {
                oneLine.appendCodePoint(c);
            }
        });
        return new FilterSyntaxException(subject, input, column, oneLine.toString());
    }

    private FilterSyntaxException(String subject, String input, int column, String reason) {
        super("Bad " + subject + " at column " + column + ": " + reason);
        this.input = input;
        this.column = column;
        this.reason = reason;
    }

    /**
     * The 1-based column, counted in characters (Unicode code points) from the start of the input,
     * where parsing failed; one past the end when the input ended too early.
     */
    public int column() {
        return column;
    }

    /** The text that was parsed. */
    public String input() {
        return input;
    }

    /** The message without the {@code Bad filter at column N: } lead. */
    public String reason() {
        return reason;
    }

    /**
     * Two lines for display under the message: the input (line breaks and tabs shown as spaces, long
     * input cut to a window around the column with {@code …} marking the cuts) and a {@code ^} under the
     * column.
     */
    public String caretLine() {
        int[] codePoints = input.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c).toArray();
        int at = column - 1;
        int from = Math.max(0, at - WINDOW);
        int to = Math.min(codePoints.length, at + WINDOW);
        StringBuilder line = new StringBuilder();
        if (from > 0) {
            line.append('…');
        }
        int caret = line.length() + (at - from);
        line.append(new String(codePoints, from, to - from));
        if (to < codePoints.length) {
            line.append('…');
        }
        return line + "\n" + " ".repeat(caret) + "^";
    }
}
