package org.labbook.magics.grammar;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One row of the {@code %track} grammar: how the subcommand is written, what it does, what it accepts,
 * and how its parsed words become a {@link TrackCommand}.
 *
 * @param name           the word after {@code %track}
 * @param usage          the usage line shown with every error about it and by {@code %track help}
 * @param description    one line for the help overview
 * @param options        its {@code --options}
 * @param minPositionals fewest plain words it needs
 * @param maxPositionals most plain words it takes ({@link Integer#MAX_VALUE} for no limit)
 * @param rawText        whether every word after the name is text (no options are parsed), as for notes
 * @param cellMagic      whether it is written {@code %%track NAME} on a cell's first line
 * @param build          turns the checked words into the command record
 */
public record Subcommand(String name, String usage, String description, List<OptionSpec> options,
                         int minPositionals, int maxPositionals, boolean rawText, boolean cellMagic,
                         Function<ParsedArgs, TrackCommand> build) {
    public Subcommand {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(description, "description");
        options = List.copyOf(options);
        Objects.requireNonNull(build, "build");
    }

    public Optional<OptionSpec> option(String optionName) {
        return options.stream().filter(o -> o.name().equals(optionName)).findFirst();
    }

    /** How the user invokes it, e.g. "%track start" or "%%track params". */
    public String invocation() {
        return (cellMagic ? "%%track " : "%track ") + name;
    }
}
