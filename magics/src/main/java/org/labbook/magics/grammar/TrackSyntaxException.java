package org.labbook.magics.grammar;

import java.util.Optional;

/**
 * A {@code %track} line or cell that does not follow the grammar. The message is one line: what was
 * wrong and, when the subcommand is known, its usage line. This is the only exception the parser throws
 * for bad input.
 */
public final class TrackSyntaxException extends RuntimeException {
    private final String subcommand;

    public TrackSyntaxException(String message, String subcommand) {
        super(message, null, false, false);
        this.subcommand = subcommand;
    }

    public TrackSyntaxException(String message) {
        this(message, null);
    }

    /** The subcommand the error is about, when the parser got that far. */
    public Optional<String> subcommand() {
        return Optional.ofNullable(subcommand);
    }
}
