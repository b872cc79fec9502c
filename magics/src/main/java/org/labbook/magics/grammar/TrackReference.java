package org.labbook.magics.grammar;

/**
 * The {@code %track} reference of magics/README.md, written from {@link Subcommands#TABLE} so the
 * README shows the same usage lines and summaries as {@code %track help}.
 */
public final class TrackReference {
    /** The comment before the generated section. */
    public static final String BEGIN = "<!-- %track reference: generated from grammar/Subcommands.java, do not edit -->";
    /** The comment after it. */
    public static final String END = "<!-- end of %track reference -->";

    private TrackReference() {
    }

    /** A Markdown table: one row per line or cell subcommand, its usage and its one-line summary. */
    public static String markdown() {
        StringBuilder text = new StringBuilder("| Command | What it does |\n|---|---|\n");
        for (Subcommand s : Subcommands.TABLE) {
            text.append("| `").append(cell(s.usage())).append("` | ").append(cell(s.description())).append(" |\n");
        }
        return text.toString();
    }

    /** {@code document} with the text between the markers replaced by {@link #markdown()}. */
    public static String rewrite(String document) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("the document lacks the markers " + BEGIN + " and " + END
                    + " (in that order); add them where the reference belongs");
        }
        return document.substring(0, begin + BEGIN.length()) + "\n" + markdown() + document.substring(end);
    }

    /** A pipe would end the Markdown table cell, also inside code spans. */
    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
