package org.labbook.tracking.sweep;

import java.util.ArrayList;
import java.util.List;

import org.labbook.tracking.ValidationException;

/**
 * The space-definition grammar, one parameter per line:
 * <pre>
 * line         = name ":" distribution "(" [ value { "," value } ] ")"
 * distribution = "uniform" | "loguniform" | "int" | "choice"
 * value        = number | string | word        (words true/false are booleans)
 * </pre>
 * Strings are in double quotes with backslash escapes ({@code \" \\ \n \t}). A hand-written recursive
 * descent over a small tokenizer, so each error can say where it is.
 */
final class SpaceParser {
    private static final String RULE = "Write one parameter per line as name: uniform(low, high),"
            + " loguniform(low, high), int(low, high) or choice(a, b, ...).";

    private final String text;
    private final int lineNumber;
    private int pos;

    private SpaceParser(String text, int lineNumber) {
        this.text = text;
        this.lineNumber = lineNumber;
    }

    static Space parse(String definition) {
        if (definition == null) {
            throw new SpaceSyntaxException("Invalid space: it is empty. " + RULE, 1, 1);
        }
        List<Dimension> dimensions = new ArrayList<>();
        String[] lines = definition.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            Dimension d = new SpaceParser(line, i + 1).line();
            for (Dimension earlier : dimensions) {
                if (earlier.name().equals(d.name())) {
                    throw new SpaceSyntaxException("Invalid space at line " + (i + 1) + ": the parameter '" + d.name()
                            + "' is defined twice. Give each parameter one line.", i + 1, 1);
                }
            }
            dimensions.add(d);
        }
        if (dimensions.isEmpty()) {
            throw new SpaceSyntaxException("Invalid space: it has no parameters. " + RULE, 1, 1);
        }
        return new Space(dimensions);
    }

    private Dimension line() {
        skipSpaces();
        int nameAt = pos;
        String name = word();
        if (name == null) {
            throw error(nameAt, "expected a parameter name");
        }
        expect(':');
        skipSpaces();
        int kindAt = pos;
        String kind = word();
        if (kind == null) {
            throw error(kindAt, "expected a distribution after '" + name + ":'");
        }
        expect('(');
        List<Object> values = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        skipSpaces();
        if (!peek(')')) {
            do {
                skipSpaces();
                positions.add(pos);
                values.add(value());
                skipSpaces();
            } while (accept(','));
        }
        expect(')');
        skipSpaces();
        if (pos < text.length()) {
            if (text.charAt(pos) == '#') {
                pos = text.length();
            } else {
                throw error(pos, "unexpected '" + text.charAt(pos) + "' after the closing ')'");
            }
        }
        try {
            return dimension(name, kind, kindAt, values, positions);
        } catch (SpaceSyntaxException e) {
            throw e;
        } catch (ValidationException e) {
            // The record's own rule, with the line it came from.
            throw new SpaceSyntaxException(e.getMessage().replaceFirst("^Invalid space: ",
                    "Invalid space at line " + lineNumber + ": "), lineNumber, nameAt + 1);
        }
    }

    private Dimension dimension(String name, String kind, int kindAt, List<Object> values, List<Integer> positions) {
        switch (kind) {
            case "uniform", "loguniform" -> {
                requireCount(kind, values, kindAt);
                double low = number(values.get(0), positions.get(0));
                double high = number(values.get(1), positions.get(1));
                return new Dimension.FloatRange(name, low, high, kind.equals("loguniform"));
            }
            case "int" -> {
                requireCount(kind, values, kindAt);
                return new Dimension.IntRange(name, integer(values.get(0), positions.get(0)),
                        integer(values.get(1), positions.get(1)));
            }
            case "choice" -> {
                return new Dimension.Choice(name, values);
            }
            default -> throw error(kindAt, "unknown distribution '" + kind + "'");
        }
    }

    private void requireCount(String kind, List<Object> values, int at) {
        if (values.size() != 2) {
            throw error(at, kind + " takes two bounds (low, high), not " + values.size());
        }
    }

    private double number(Object value, int at) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw error(at, "a bound must be a number, not " + Dimension.Choice.show(value));
    }

    private long integer(Object value, int at) {
        if (value instanceof Long l) {
            return l;
        }
        throw error(at, "an int bound must be a whole number, not " + Dimension.Choice.show(value));
    }

    private Object value() {
        if (pos >= text.length()) {
            throw error(pos, "expected a value");
        }
        char c = text.charAt(pos);
        if (c == '"') {
            return string();
        }
        if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
            return numberLiteral();
        }
        int at = pos;
        String word = word();
        if (word == null) {
            throw error(at, "expected a value, found '" + c + "'");
        }
        return switch (word) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> word;
        };
    }

    private Object numberLiteral() {
        int start = pos;
        while (pos < text.length() && "+-.0123456789eE".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        String literal = text.substring(start, pos);
        try {
            if (literal.matches("[+-]?\\d{1,18}")) {
                return Long.parseLong(literal);
            }
            if (literal.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                double d = Double.parseDouble(literal);
                if (Double.isFinite(d)) {
                    return d;
                }
            }
        } catch (NumberFormatException e) {
            // Reported below with the position.
        }
        throw error(start, "'" + literal + "' is not a number");
    }

    private String string() {
        int start = pos;
        pos++; // the opening quote
        StringBuilder value = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    break;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case '"', '\\' -> value.append(e);
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    case 'u' -> {
                        if (pos + 4 > text.length() || !text.substring(pos, pos + 4).matches("[0-9a-fA-F]{4}")) {
                            throw error(pos - 2, "\\u needs four hex digits");
                        }
                        value.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> throw error(pos - 2, "unknown escape '\\" + e + "' (use \\\" \\\\ \\n \\t \\r \\uXXXX)");
                }
            } else {
                value.append(c);
            }
        }
        throw error(start, "the string is not closed with \"");
    }

    private String word() {
        int start = pos;
        if (pos < text.length() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')
                && text.charAt(pos) < 128) {
            pos++;
            while (pos < text.length() && text.charAt(pos) < 128 && (Character.isLetterOrDigit(text.charAt(pos))
                    || "_.-".indexOf(text.charAt(pos)) >= 0)) {
                pos++;
            }
            return text.substring(start, pos);
        }
        return null;
    }

    private void skipSpaces() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private boolean accept(char c) {
        skipSpaces();
        if (peek(c)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        skipSpaces();
        if (!peek(c)) {
            throw error(pos, pos < text.length() ? "expected '" + c + "', found '" + text.charAt(pos) + "'"
                    : "expected '" + c + "' at the end of the line");
        }
        pos++;
    }

    private SpaceSyntaxException error(int at, String what) {
        return new SpaceSyntaxException("Invalid space at line " + lineNumber + ", column " + (at + 1) + ": " + what
                + ". " + RULE, lineNumber, at + 1);
    }
}
