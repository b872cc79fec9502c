package org.labbook.tracking.query;

/**
 * Cuts filter text into tokens on demand, so that the first error reported is the leftmost one.
 *
 * <p>A word starts with a letter or {@code _} and continues with letters, digits and
 * {@code _ . / -}; that makes {@code metrics.train/loss} one word, which the parser splits at its
 * first dot. The one exception is the name right after a backquoted prefix ({@code `metrics`.1st}):
 * it may start with any character a word may hold, as it could after {@code metrics.}. Numbers use
 * ASCII digits only, because {@link Double#parseDouble} reads nothing else.
 */
final class Lexer {
    private final String subject;
    private final String input;
    private int position;
    /** Set after a backquoted prefix: the name written right after its dot is read as plain name characters. */
    private boolean nameFollows;

    Lexer(String subject, String input) {
        this.subject = subject;
        this.input = input;
    }

    String input() {
        return input;
    }

    FilterSyntaxException error(int index, String reason) {
        return FilterSyntaxException.at(subject, input, index, reason);
    }

    Token next() {
        if (nameFollows) {
            nameFollows = false;
            // As in metrics.1x, the name after the dot may start with any character a word may hold.
            if (position < input.length() && isWordPart(input.codePointAt(position))) {
                return word();
            }
        }
        skipSpace();
        int start = position;
        if (start >= input.length()) {
            return new Token(Token.Type.END, "", 0, (char) 0, start, start);
        }
        char c = input.charAt(start);
        switch (c) {
            case '(':
                return single(Token.Type.LEFT_PAREN);
            case ')':
                return single(Token.Type.RIGHT_PAREN);
            case ',':
                return single(Token.Type.COMMA);
            case '=':
                return operator(start, lookingAt(start + 1, '=') ? 2 : 1);
            case '<':
                return operator(start, lookingAt(start + 1, '=') || lookingAt(start + 1, '>') ? 2 : 1);
            case '>':
                return operator(start, lookingAt(start + 1, '=') ? 2 : 1);
            case '!':
                if (lookingAt(start + 1, '=')) {
                    return operator(start, 2);
                }
                throw error(start, "'!' alone is not an operator. Write != for 'not equal', or NOT before a clause");
            case '\'':
            case '"':
                return text(c);
            case '`':
                return quotedKey();
            case '+':
            case '-':
                return signedNumber();
            default:
                break;
        }
        if (isDigit(c) || (c == '.' && start + 1 < input.length() && isDigit(input.charAt(start + 1)))) {
            return number(start);
        }
        int codePoint = input.codePointAt(start);
        if (isWordStart(codePoint)) {
            return word();
        }
        throw error(start, "unexpected character " + describeChar(codePoint)
                + ". Keys that contain it need backquotes, for example metrics.`val loss`; text values need quotes");
    }

    /** True when a key prints without backquotes: every character may continue a word. */
    static boolean isPlainKey(String key) {
        return !key.isEmpty() && key.codePoints().allMatch(Lexer::isWordPart);
    }

    /** A value made safe for a one-line message: control characters escaped, long text cut. */
    static String shorten(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(40).forEach(c -> {
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return text.codePointCount(0, text.length()) > 40 ? out + "…" : out.toString();
    }

    private static boolean isWordStart(int c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isWordPart(int c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '/' || c == '-';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String describeChar(int c) {
        String name = Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE
                || Character.getType(c) == Character.FORMAT ? "" : "'" + new String(Character.toChars(c)) + "' ";
        return name + String.format("(U+%04X)", c);
    }

    private void skipSpace() {
        while (position < input.length()) {
            char c = input.charAt(position);
            // isSpaceChar adds the no-break space that pasted text often carries.
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                return;
            }
            position++;
        }
    }

    private boolean lookingAt(int index, char c) {
        return index < input.length() && input.charAt(index) == c;
    }

    private Token single(Token.Type type) {
        int start = position++;
        return new Token(type, input.substring(start, position), 0, (char) 0, start, position);
    }

    private Token operator(int start, int length) {
        position = start + length;
        return new Token(Token.Type.OPERATOR, input.substring(start, position), 0, (char) 0, start, position);
    }

    private Token word() {
        int start = position;
        while (position < input.length()) {
            int c = input.codePointAt(position);
            if (!isWordPart(c)) {
                break;
            }
            position += Character.charCount(c);
        }
        return new Token(Token.Type.WORD, input.substring(start, position), 0, (char) 0, start, position);
    }

    /**
     * A quoted text. Inside, the quote doubled stands for itself, and a backslash escapes a quote, a
     * backslash, {@code n}, {@code r} or {@code t}; before any other character the backslash is kept,
     * so a LIKE pattern such as {@code 'a\%'} reaches the store unchanged.
     */
    private Token text(char quote) {
        int start = position++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (position >= input.length()) {
                throw error(start, "the text starting here is never closed. End it with " + quote);
            }
            char c = input.charAt(position);
            if (c == quote) {
                if (lookingAt(position + 1, quote)) {
                    value.append(quote);
                    position += 2;
                    continue;
                }
                position++;
                return new Token(Token.Type.TEXT, value.toString(), 0, quote, start, position);
            }
            if (c == '\\' && position + 1 < input.length()) {
                char escaped = input.charAt(position + 1);
                switch (escaped) {
                    case '\\', '\'', '"' -> value.append(escaped);
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    default -> value.append('\\').append(escaped);
                }
                position += 2;
                continue;
            }
            value.append(c);
            position++;
        }
    }

    /**
     * A backquoted key; a backquote doubled stands for itself and nothing else is special. Followed
     * directly by a dot, it is a backquoted prefix instead, as in {@code `metrics`.acc}, and the token
     * takes the dot too.
     */
    private Token quotedKey() {
        int start = position++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (position >= input.length()) {
                throw error(start, "the key starting here is never closed. End it with `");
            }
            char c = input.charAt(position);
            position++;
            if (c == '`') {
                if (lookingAt(position, '.')) {
                    position++;
                    nameFollows = true;
                    return new Token(Token.Type.QUOTED_PREFIX, value.toString(), 0, '`', start, position);
                }
                if (!lookingAt(position, '`')) {
                    return new Token(Token.Type.QUOTED_KEY, value.toString(), 0, '`', start, position);
                }
                position++;
            }
            value.append(c);
        }
    }

    private Token signedNumber() {
        int start = position;
        int after = start + 1;
        if (after < input.length() && (isDigit(input.charAt(after))
                || (input.charAt(after) == '.' && after + 1 < input.length() && isDigit(input.charAt(after + 1))))) {
            return number(start);
        }
        if (after < input.length() && isWordStart(input.codePointAt(after))) {
            position = after;
            Token word = word();
            if (word.value().equalsIgnoreCase("Infinity") || word.value().equalsIgnoreCase("inf")) {
                double infinity = input.charAt(start) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                return new Token(Token.Type.NUMBER, input.substring(start, position), infinity, (char) 0, start, position);
            }
        }
        throw error(start, "'" + input.charAt(start) + "' must start a number, as in -0.5, 1e-3 or -Infinity");
    }

    /** digits [. digits] [e [+-] digits], or . digits [e ...], with an optional sign already at start. */
    private Token number(int start) {
        position = start;
        if (input.charAt(position) == '+' || input.charAt(position) == '-') {
            position++;
        }
        skipDigits();
        if (lookingAt(position, '.')) {
            position++;
            skipDigits();
        }
        boolean malformed = false;
        if (lookingAt(position, 'e') || lookingAt(position, 'E')) {
            position++;
            if (lookingAt(position, '+') || lookingAt(position, '-')) {
                position++;
            }
            int digitsStart = position;
            skipDigits();
            malformed = position == digitsStart;
        }
        if (malformed || (position < input.length() && isWordPart(input.codePointAt(position)))) {
            int end = position;
            while (end < input.length() && isWordPart(input.codePointAt(end))) {
                end += Character.charCount(input.codePointAt(end));
            }
            throw error(start, "malformed number '" + shorten(input.substring(start, end))
                    + "'. Write numbers like 42, -0.5 or 1e-3, with a space before the next word");
        }
        String text = input.substring(start, position);
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            throw error(start, "the number " + shorten(text) + " is too large for a double. Write Infinity if you mean it");
        }
        return new Token(Token.Type.NUMBER, text, value, (char) 0, start, position);
    }

    private void skipDigits() {
        while (position < input.length() && isDigit(input.charAt(position))) {
            position++;
        }
    }
}
