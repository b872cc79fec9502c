package org.labbook.magics.grammar;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the text of a {@code %track} line magic or {@code %%track} cell magic into a {@link TrackCommand}.
 * Every mistake is a {@link TrackSyntaxException} with a one-line message; nothing else escapes for any
 * input.
 */
public final class TrackParser {
    private static final String GENERAL_USAGE = "Usage: %track SUBCOMMAND [ARGS] (%track help lists the subcommands)";

    private TrackParser() {
    }

    /** Parses the text after {@code %track}. An empty line asks for help. */
    public static TrackCommand parseLine(String args) {
        List<Token> words = Tokenizer.tokenize(args);
        if (words.isEmpty()) {
            return new TrackCommand.Help(Optional.empty());
        }
        Subcommand subcommand = subcommand(words.get(0));
        if (subcommand.cellMagic()) {
            throw new TrackSyntaxException(subcommand.invocation() + " is a cell magic: write it on the first line of a cell"
                    + " and one KEY=VALUE per line below it. Usage: " + subcommand.usage(), subcommand.name());
        }
        List<Token> rest = words.subList(1, words.size());
        if (!subcommand.rawText() && rest.stream().anyMatch(w -> w.isBare("--help") || w.isBare("-h"))) {
            return new TrackCommand.Help(Optional.of(subcommand.name()));
        }
        return subcommand.build().apply(ParsedArgs.parse(subcommand, rest));
    }

    /**
     * Parses a {@code %%track} cell: {@code args} is the rest of its first line, {@code body} the lines
     * after it. Line numbers in messages count the first line as line 1.
     */
    public static TrackCommand parseCell(String args, String body) {
        List<Token> words = Tokenizer.tokenize(args);
        if (words.isEmpty()) {
            throw new TrackSyntaxException("%%track needs a subcommand. Usage: %%track params | %%track sweep NAME ...", null);
        }
        Subcommand subcommand = Subcommands.findCell(words.get(0).text()).orElseGet(() -> subcommand(words.get(0)));
        if (!subcommand.cellMagic()) {
            throw new TrackSyntaxException("'" + subcommand.name() + "' is a line magic: write it with one percent sign."
                    + " Usage: " + subcommand.usage(), subcommand.name());
        }
        ParsedArgs first = ParsedArgs.parse(subcommand, words.subList(1, words.size()));
        if (subcommand.name().equals("sweep")) {
            return Subcommands.sweepCell(first, body);
        }
        return new TrackCommand.ParamsCell(paramLines(first, body));
    }

    private static Map<String, String> paramLines(ParsedArgs cell, String body) {
        Map<String, String> params = new LinkedHashMap<>();
        String[] lines = body.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 2;
            String line = lines[i];
            List<Token> words;
            try {
                words = Tokenizer.tokenize(line, true);
            } catch (TrackSyntaxException e) {
                throw cell.error("Line " + lineNumber + ": " + stripFinalPeriod(e.getMessage()));
            }
            if (words.isEmpty()) {
                continue;
            }
            String[] pair = pair(words).orElseThrow(() -> cell.error("Line " + lineNumber + ": expected one KEY=VALUE, got '"
                    + ParsedArgs.shorten(line.strip()) + "' (quote values with spaces: name=\"two words\"; # starts a comment)"));
            try {
                cell.putOnce(params, pair[0], pair[1]);
            } catch (TrackSyntaxException e) {
                throw cell.error("Line " + lineNumber + ": " + e.getMessage().substring(0, e.getMessage().indexOf(". Usage: ")));
            }
        }
        if (params.isEmpty()) {
            throw cell.error("The cell has no KEY=VALUE lines; write one per line below %%track params");
        }
        return params;
    }

    /** One line's pair, written {@code k=v}, {@code k = v}, {@code k= v} or {@code k =v}. */
    private static Optional<String[]> pair(List<Token> words) {
        if (words.size() == 1 && words.get(0).equalsIndex() > 0) {
            return Optional.of(new String[] {words.get(0).key(), words.get(0).value()});
        }
        if (words.size() == 3 && words.get(1).isBare("=") && !words.get(0).hasEquals() && !words.get(0).text().isEmpty()) {
            return Optional.of(new String[] {words.get(0).text(), words.get(2).text()});
        }
        if (words.size() == 2) {
            Token a = words.get(0);
            Token b = words.get(1);
            if (a.hasEquals() && a.equalsIndex() == a.text().length() - 1 && a.equalsIndex() > 0) {
                return Optional.of(new String[] {a.key(), b.text()});
            }
            if (!a.hasEquals() && !a.text().isEmpty() && b.equalsIndex() == 0) {
                return Optional.of(new String[] {a.text(), b.value()});
            }
        }
        return Optional.empty();
    }

    private static Subcommand subcommand(Token word) {
        return Subcommands.find(word.text()).orElseThrow(() -> {
            String hint = Suggestions.closest(word.text(), Subcommands.names())
                    .map(s -> " (did you mean " + s + "?)").orElse("");
            return new TrackSyntaxException("Unknown subcommand '" + ParsedArgs.shorten(word.text()) + "' for %track" + hint
                    + ". " + GENERAL_USAGE);
        });
    }

    private static String stripFinalPeriod(String message) {
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }
}
