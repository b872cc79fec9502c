package org.labbook.kernel.eval.magic;

import java.util.ArrayList;
import java.util.List;
import org.labbook.kernel.api.UserError;

/** Splits a magic's arguments at whitespace, honouring "double" and 'single' quotes and backslash escapes. */
public final class MagicArgs {
    private MagicArgs() {
    }

    public static List<String> split(String args) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (c == '\\' && i + 1 < args.length() && quote != '\'') {
                word.append(args.charAt(++i));
                inWord = true;
            } else if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new UserError("Unclosed quote " + quote + " in magic arguments: " + args
                    + ". Close the quote or escape it with a backslash.");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
