package org.labbook.tracking.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.labbook.tracking.ValidationException;

/**
 * The parameters a sweep searches, in order. Built in Java with {@link #of} over the factories
 * ({@link #uniform}, {@link #logUniform}, {@link #intRange}, {@link #choice}), or read from the
 * one-parameter-per-line text of a {@code %%track sweep} cell with {@link #parse}:
 * <pre>
 * lr: loguniform(1e-5, 1e-1)
 * batch: choice(16, 32, 64, 128)
 * dropout: uniform(0.1, 0.5)
 * layers: int(1, 4)
 * </pre>
 * {@link #toText()} writes that text back, so a stored space parses to an equal one.
 */
public record Space(List<Dimension> dimensions) {
    public Space {
        if (dimensions == null || dimensions.isEmpty()) {
            throw new ValidationException("Invalid space: it has no parameters. Give at least one, e.g."
                    + " lr: loguniform(1e-5, 1e-1).");
        }
        Set<String> names = new HashSet<>();
        for (Dimension d : dimensions) {
            if (d == null) {
                throw new ValidationException("Invalid space: a parameter is null. Pass parameters made with"
                        + " Space.uniform, Space.logUniform, Space.intRange or Space.choice.");
            }
            if (!names.add(d.name())) {
                throw new ValidationException("Invalid space: the parameter '" + d.name() + "' is defined twice."
                        + " Give each parameter one line.");
            }
        }
        dimensions = List.copyOf(dimensions);
    }

    public static Space of(Dimension... dimensions) {
        return new Space(dimensions == null ? null : Arrays.asList(dimensions));
    }

    public static Dimension uniform(String name, double low, double high) {
        return new Dimension.FloatRange(name, low, high, false);
    }

    public static Dimension logUniform(String name, double low, double high) {
        return new Dimension.FloatRange(name, low, high, true);
    }

    public static Dimension intRange(String name, long low, long high) {
        return new Dimension.IntRange(name, low, high);
    }

    public static Dimension choice(String name, Object... values) {
        return new Dimension.Choice(name, values == null ? List.of() : Arrays.asList(values));
    }

    /**
     * Reads a space from its text, one {@code name: distribution(arguments)} per line; blank lines and
     * lines starting with {@code #} are skipped.
     *
     * @throws SpaceSyntaxException naming the line, the column and the rule when the text is not a space
     */
    public static Space parse(String text) {
        return SpaceParser.parse(text);
    }

    public Optional<Dimension> dimension(String name) {
        return dimensions.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    public List<String> names() {
        List<String> names = new ArrayList<>();
        dimensions.forEach(d -> names.add(d.name()));
        return names;
    }

    /** The space as {@link #parse} reads it. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        for (Dimension d : dimensions) {
            text.append(d.name()).append(": ").append(d.describe()).append('\n');
        }
        return text.toString();
    }
}
