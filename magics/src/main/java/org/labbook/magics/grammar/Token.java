package org.labbook.magics.grammar;

/**
 * One word of a magic line after quotes and escapes were removed.
 *
 * @param text          the word's text, unquoted and unescaped
 * @param column        1-based column in the parsed text where the word starts
 * @param quoted        whether any part of the word was quoted or escaped; a quoted word is never an option
 * @param optionLike    whether the word starts with an unquoted {@code --}, or {@code -} and a letter
 * @param equalsIndex   index in {@link #text} of the first {@code =} that was not quoted, or -1; a quoted
 *                      {@code =} never splits {@code KEY=VALUE}
 */
public record Token(String text, int column, boolean quoted, boolean optionLike, int equalsIndex) {

    /** Whether the word is {@code KEY=VALUE} with an unquoted {@code =}. */
    public boolean hasEquals() {
        return equalsIndex >= 0;
    }

    /** The part before the unquoted {@code =}; only meaningful when {@link #hasEquals()}. */
    public String key() {
        return text.substring(0, equalsIndex);
    }

    /** The part after the unquoted {@code =}; only meaningful when {@link #hasEquals()}. */
    public String value() {
        return text.substring(equalsIndex + 1);
    }

    /** Whether this is the unquoted word {@code word}, e.g. the end-of-options marker {@code --}. */
    public boolean isBare(String word) {
        return !quoted && text.equals(word);
    }
}
