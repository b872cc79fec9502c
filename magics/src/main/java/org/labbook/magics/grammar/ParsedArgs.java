package org.labbook.magics.grammar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The words of one subcommand after options were matched against its {@link Subcommand#options()}:
 * plain words in order and option values by name. Its typed accessors turn text into numbers and enums
 * and report mistakes as {@link TrackSyntaxException}s that carry the subcommand's usage line.
 */
public final class ParsedArgs {
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final int SHOWN = 40;

    private final Subcommand subcommand;
    private final List<Token> positionals;
    private final Map<String, List<OptionValue>> options;

    /** An option's value and, for options with suffix words, the suffix that followed it. */
    record OptionValue(String value, Optional<String> suffix) {
    }

    private ParsedArgs(Subcommand subcommand, List<Token> positionals, Map<String, List<OptionValue>> options) {
        this.subcommand = subcommand;
        this.positionals = List.copyOf(positionals);
        this.options = options;
    }

    /**
     * Matches {@code words} (everything after the subcommand's name) against the subcommand's options and
     * positional limits.
     */
    static ParsedArgs parse(Subcommand subcommand, List<Token> words) {
        List<Token> positionals = new ArrayList<>();
        Map<String, List<OptionValue>> options = new LinkedHashMap<>();
        ParsedArgs partial = new ParsedArgs(subcommand, List.of(), options);
        boolean endOfOptions = subcommand.rawText();
        for (int i = 0; i < words.size(); i++) {
            Token word = words.get(i);
            if (!endOfOptions && word.isBare("--")) {
                endOfOptions = true;
                continue;
            }
            if (endOfOptions || !word.optionLike()) {
                positionals.add(word);
                continue;
            }
            String name = word.hasEquals() ? word.key() : word.text();
            String inline = word.hasEquals() ? word.value() : null;
            OptionSpec spec = subcommand.option(name).orElseThrow(() -> partial.unknownOption(name));
            List<OptionValue> given = options.computeIfAbsent(spec.name(), k -> new ArrayList<>());
            if (!given.isEmpty() && !spec.repeatable()) {
                throw partial.error("Option " + spec.name() + " is given more than once; give it once");
            }
            if (spec.isFlag()) {
                if (inline != null) {
                    throw partial.error("Option " + spec.name() + " takes no value, but got '" + shorten(inline) + "'");
                }
                given.add(new OptionValue("", Optional.empty()));
                continue;
            }
            String value = inline;
            if (value == null) {
                if (i + 1 >= words.size() || words.get(i + 1).optionLike() || words.get(i + 1).isBare("--")) {
                    throw partial.error("Missing value for " + spec.name() + " (expected " + spec.name() + " "
                            + spec.valueLabel() + ")");
                }
                value = words.get(++i).text();
            }
            Optional<String> suffix = Optional.empty();
            if (!spec.suffixWords().isEmpty() && i + 1 < words.size()
                    && isSuffix(spec, words.get(i + 1))) {
                suffix = Optional.of(words.get(++i).text().toLowerCase(Locale.ROOT));
            }
            given.add(new OptionValue(value, suffix));
        }
        ParsedArgs parsed = new ParsedArgs(subcommand, positionals, options);
        parsed.checkPositionalCount();
        return parsed;
    }

    private static boolean isSuffix(OptionSpec spec, Token word) {
        return !word.quoted() && spec.suffixWords().stream().anyMatch(s -> s.equalsIgnoreCase(word.text()));
    }

    private void checkPositionalCount() {
        int n = positionals.size();
        if (n < subcommand.minPositionals()) {
            String need = subcommand.minPositionals() == 1 ? "an argument" : subcommand.minPositionals() + " arguments";
            throw error(subcommand.invocation() + " needs " + need + (n == 0 ? "" : ", got " + n));
        }
        if (n > subcommand.maxPositionals()) {
            Token extra = positionals.get(subcommand.maxPositionals());
            String allowed = subcommand.maxPositionals() == 0 ? "no arguments"
                    : "at most " + subcommand.maxPositionals() + (subcommand.maxPositionals() == 1 ? " argument" : " arguments");
            throw error("Unexpected argument '" + shorten(extra.text()) + "' at column " + extra.column() + ": "
                    + subcommand.invocation() + " takes " + allowed + " (quote values that contain spaces)");
        }
    }

    private TrackSyntaxException unknownOption(String name) {
        List<String> known = subcommand.options().stream().map(OptionSpec::name).toList();
        if (known.isEmpty()) {
            return error("Unknown option '" + shorten(name) + "': " + subcommand.invocation() + " takes no options");
        }
        String hint = Suggestions.closest(name.startsWith("--") ? name : "-" + name, known)
                .map(s -> " (did you mean " + s + "?)")
                .orElse(" (its options are " + String.join(", ", known) + ")");
        return error("Unknown option '" + shorten(name) + "' for " + subcommand.invocation() + hint);
    }

    /** An error about this subcommand: {@code what}, then its usage line. */
    public TrackSyntaxException error(String what) {
        return new TrackSyntaxException(what + ". Usage: " + subcommand.usage(), subcommand.name());
    }

    public Subcommand subcommand() {
        return subcommand;
    }

    /** The plain words, in order. */
    public List<Token> positionals() {
        return positionals;
    }

    public Optional<String> positional(int index) {
        return index < positionals.size() ? Optional.of(positionals.get(index).text()) : Optional.empty();
    }

    /** The plain words from {@code from} on, as text. */
    public List<String> positionalTexts(int from) {
        return positionals.subList(Math.min(from, positionals.size()), positionals.size()).stream()
                .map(Token::text).toList();
    }

    public boolean flag(String option) {
        return options.containsKey(option);
    }

    public Optional<String> string(String option) {
        List<OptionValue> values = options.get(option);
        return values == null ? Optional.empty() : Optional.of(values.get(0).value());
    }

    public List<String> strings(String option) {
        return options.getOrDefault(option, List.of()).stream().map(OptionValue::value).toList();
    }

    public Optional<String> suffix(String option) {
        List<OptionValue> values = options.get(option);
        return values == null ? Optional.empty() : values.get(0).suffix();
    }

    public OptionalLong longOption(String option) {
        Optional<String> text = string(option);
        return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(parseLong(text.get(), option));
    }

    /** A whole number of at least 1. */
    public OptionalInt positiveIntOption(String option) {
        Optional<String> text = string(option);
        if (text.isEmpty()) {
            return OptionalInt.empty();
        }
        long value = parseLong(text.get(), option);
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw error("Invalid value '" + shorten(text.get()) + "' for " + option + ": expected a whole number from 1 to "
                    + Integer.MAX_VALUE);
        }
        return OptionalInt.of((int) value);
    }

    /** The value of {@code option} as one of {@code type}'s constants, named case-insensitively. */
    public <E extends Enum<E>> Optional<E> choice(String option, Class<E> type) {
        Optional<String> text = string(option);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text.get())) {
                return Optional.of(constant);
            }
        }
        List<String> names = java.util.Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
        throw error("Invalid value '" + shorten(text.get()) + "' for " + option + ": expected one of "
                + String.join(", ", names));
    }

    /** Parses a whole number, naming {@code what} (an option or a placeholder) in the error. */
    public long parseLong(String text, String what) {
        if (INTEGER.matcher(text).matches()) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException tooBig) {
                throw error("Invalid value '" + shorten(text) + "' for " + what + ": the number is out of range (at most "
                        + Long.MAX_VALUE + ")");
            }
        }
        throw error("Invalid value '" + shorten(text) + "' for " + what + ": expected a whole number, e.g. 42");
    }

    /**
     * Parses a decimal number; also {@code nan}, {@code inf}, {@code +inf}, {@code -inf}, {@code infinity}
     * in any case, because metrics may legitimately be NaN or infinite.
     */
    public double parseDouble(String text, String what) {
        String t = text.toLowerCase(Locale.ROOT);
        switch (t) {
            case "nan", "+nan", "-nan":
                return Double.NaN;
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        if (DECIMAL.matcher(text).matches()) {
            return Double.parseDouble(text);
        }
        throw error("Invalid number '" + shorten(text) + "' for " + what
                + ": expected a decimal such as 0.25, 1e-3, nan or inf (log a variable with Track.metric(...))");
    }

    /**
     * The plain words from {@code from} on as {@code KEY=VALUE} pairs in the order given. A key given twice
     * with the same value counts once; with another value it is an error.
     */
    public Map<String, String> keyValues(int from, String label) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (Token word : positionals.subList(Math.min(from, positionals.size()), positionals.size())) {
            requireKeyValue(word, label);
            putOnce(pairs, word.key(), word.value());
        }
        return pairs;
    }

    /** Checks that a word is {@code KEY=VALUE} with a non-empty key. */
    public void requireKeyValue(Token word, String label) {
        if (!word.hasEquals()) {
            throw error("Expected " + label + " but got '" + shorten(word.text()) + "' at column " + word.column()
                    + " (write " + shorten(word.text()) + "=VALUE; quote values with spaces: name=\"two words\")");
        }
        if (word.equalsIndex() == 0) {
            throw error("Missing key before '=' at column " + word.column() + " (write KEY=VALUE, e.g. lr=0.001)");
        }
    }

    /** Adds a pair unless the key is already there with another value, which is an error quoting both. */
    public <V> void putOnce(Map<String, V> pairs, String key, V value) {
        V earlier = pairs.putIfAbsent(key, value);
        if (earlier != null && !sameValue(earlier, value)) {
            throw error("Key '" + shorten(key) + "' is given twice with different values ('" + shorten(String.valueOf(earlier))
                    + "' and '" + shorten(String.valueOf(value)) + "'); give each key once");
        }
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            return Double.compare(x, y) == 0;
        }
        return a.equals(b);
    }

    /** A value shortened to one line for a message. */
    static String shorten(String text) {
        String oneLine = text.replace("\n", "\\n").replace("\r", "\\r");
        return oneLine.length() <= SHOWN ? oneLine : oneLine.substring(0, SHOWN - 3) + "...";
    }
}
