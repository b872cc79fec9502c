package org.labbook.magics.grammar;

import java.util.List;
import java.util.Objects;

/**
 * One {@code --option} of a subcommand.
 *
 * @param name          with its dashes, e.g. "--experiment"
 * @param valueLabel    the placeholder of its value in usage lines, e.g. "EXP"; null for a flag
 * @param repeatable    whether it may be given more than once (each value is kept)
 * @param suffixWords   words that may follow the value as a second, optional word (e.g. asc|desc after
 *                      {@code --order-by KEY}); matched case-insensitively
 * @param description   one line for {@code %track help COMMAND}
 */
public record OptionSpec(String name, String valueLabel, boolean repeatable, List<String> suffixWords,
                         String description) {
    public OptionSpec {
        Objects.requireNonNull(name, "name");
        if (!name.startsWith("--")) {
            throw new IllegalArgumentException("option names start with --: " + name);
        }
        suffixWords = List.copyOf(suffixWords);
        Objects.requireNonNull(description, "description");
    }

    public static OptionSpec flag(String name, String description) {
        return new OptionSpec(name, null, false, List.of(), description);
    }

    public static OptionSpec value(String name, String label, String description) {
        return new OptionSpec(name, label, false, List.of(), description);
    }

    public static OptionSpec repeatable(String name, String label, String description) {
        return new OptionSpec(name, label, true, List.of(), description);
    }

    public boolean isFlag() {
        return valueLabel == null;
    }

    /** How the option looks in a help listing, e.g. "--step N". */
    public String synopsis() {
        String s = isFlag() ? name : name + " " + valueLabel;
        if (!suffixWords.isEmpty()) {
            s += " [" + String.join("|", suffixWords) + "]";
        }
        return repeatable ? s + " (repeatable)" : s;
    }
}
