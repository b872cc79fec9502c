package org.labbook.kernel.protocol;

/**
 * Cursor positions on the wire count Unicode code points (protocol 5.2); Java strings index UTF-16 units.
 * The two differ as soon as a cell holds a character outside the Basic Multilingual Plane, such as an emoji.
 */
final class CodePoints {
    private CodePoints() {
    }

    /** The UTF-16 index of code point {@code codePoint}, clamped to the string. */
    static int toUtf16(String text, int codePoint) {
        int total = text.codePointCount(0, text.length());
        int clamped = Math.max(0, Math.min(codePoint, total));
        return text.offsetByCodePoints(0, clamped);
    }

    /** The code point position of UTF-16 index {@code index}, clamped to the string. */
    static int fromUtf16(String text, int index) {
        return text.codePointCount(0, Math.max(0, Math.min(index, text.length())));
    }
}
