package org.labbook.magics.grammar;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a magic line into words the way a POSIX shell does, without expansions:
 * <ul>
 *   <li>whitespace separates words;</li>
 *   <li>{@code 'single quotes'} keep everything literally;</li>
 *   <li>{@code "double quotes"} keep everything except {@code \"} and {@code \\}, which are escapes (so a
 *       Windows path like {@code "C:\data"} keeps its backslash);</li>
 *   <li>outside quotes a backslash makes the next character literal;</li>
 *   <li>optionally, a {@code #} at the start of a word begins a comment that runs to the end of the line.</li>
 * </ul>
 * Quotes may sit in the middle of a word: {@code name="two words"} is the single word {@code name=two words}.
 */
public final class Tokenizer {
    private static final int EXCERPT = 20;

    private Tokenizer() {
    }

    /** Splits {@code line} with no comments. */
    public static List<Token> tokenize(String line) {
        return tokenize(line, false);
    }

    /**
     * Splits {@code line} into words.
     *
     * @param comments whether {@code #} at the start of an unquoted word ends the line
     * @throws TrackSyntaxException for an unbalanced quote or a trailing backslash, naming the column
     */
    public static List<Token> tokenize(String line, boolean comments) {
        List<Token> tokens = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (i < n) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (comments && c == '#') {
                break;
            }
            int start = i;
            StringBuilder text = new StringBuilder();
            boolean quoted = false;
            int equalsIndex = -1;
            // Option-ness is decided by the raw characters: "--x" in quotes is a plain word.
            boolean optionLike = line.startsWith("--", i)
                    || (c == '-' && i + 1 < n && Character.isLetter(line.charAt(i + 1)));
            while (i < n && !Character.isWhitespace(line.charAt(i))) {
                char d = line.charAt(i);
                if (d == '\'') {
                    quoted = true;
                    int close = line.indexOf('\'', i + 1);
                    if (close < 0) {
                        throw unbalanced("single quote", line, i);
                    }
                    text.append(line, i + 1, close);
                    i = close + 1;
                } else if (d == '"') {
                    quoted = true;
                    i = readDoubleQuoted(line, i, text);
                } else if (d == '\\') {
                    quoted = true;
                    if (i + 1 >= n) {
                        throw new TrackSyntaxException("The line ends with a lone backslash at column " + (i + 1)
                                + "; write \\\\ for a literal backslash or quote the word.");
                    }
                    text.append(line.charAt(i + 1));
                    i += 2;
                } else {
                    if (d == '=' && equalsIndex < 0) {
                        equalsIndex = text.length();
                    }
                    text.append(d);
                    i++;
                }
            }
            tokens.add(new Token(text.toString(), start + 1, quoted, optionLike, equalsIndex));
        }
        return tokens;
    }

    /** Reads a double-quoted part starting at the opening quote; returns the index after the closing one. */
    private static int readDoubleQuoted(String line, int open, StringBuilder text) {
        int n = line.length();
        int i = open + 1;
        while (i < n) {
            char d = line.charAt(i);
            if (d == '"') {
                return i + 1;
            }
            if (d == '\\' && i + 1 < n && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
                text.append(line.charAt(i + 1));
                i += 2;
            } else {
                text.append(d);
                i++;
            }
        }
        throw unbalanced("double quote", line, open);
    }

    private static TrackSyntaxException unbalanced(String what, String line, int at) {
        String excerpt = line.substring(at, Math.min(line.length(), at + EXCERPT))
                .replace("\n", "\\n").replace("\r", "\\r");
        String more = line.length() > at + EXCERPT ? "..." : "";
        char quote = line.charAt(at);
        return new TrackSyntaxException("Unbalanced " + what + " opened at column " + (at + 1) + " (" + excerpt + more
                + "): close it with " + quote + ", or escape it as \\" + quote + " to mean the character itself.");
    }
}
