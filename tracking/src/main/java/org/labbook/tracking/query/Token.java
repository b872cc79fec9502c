package org.labbook.tracking.query;

/**
 * One lexical unit of a filter.
 *
 * @param value a word as written; the decoded content of a quoted text, backquoted key or backquoted
 *     prefix (without its dot); the number as written; the operator as written
 * @param number the value of a {@link Type#NUMBER}, otherwise 0
 * @param quote the quote character of a {@link Type#TEXT} ({@code '} or {@code "}), otherwise 0
 * @param start index of the first char in the input
 * @param end index one past the last char
 */
record Token(Type type, String value, double number, char quote, int start, int end) {

    enum Type { WORD, NUMBER, TEXT, QUOTED_KEY, QUOTED_PREFIX, OPERATOR, LEFT_PAREN, RIGHT_PAREN, COMMA, END }

    /** True for a word that is this keyword, in any case. */
    boolean isKeyword(String keyword) {
        return type == Type.WORD && value.equalsIgnoreCase(keyword);
    }
}
