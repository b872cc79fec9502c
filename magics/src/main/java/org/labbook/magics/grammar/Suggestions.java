package org.labbook.magics.grammar;

import java.util.Collection;
import java.util.Optional;

/** Finds the known name closest to a mistyped one, for "did you mean ...?" hints. */
final class Suggestions {
    private Suggestions() {
    }

    /**
     * The candidate with the smallest edit distance (adjacent swaps count as one edit) when it is close
     * enough to be a plausible typo: at most a third of the longer word, and at least 1 allowed edit.
     */
    static Optional<String> closest(String typed, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = typed.toLowerCase(java.util.Locale.ROOT);
        for (String candidate : candidates) {
            int allowed = Math.max(2, Math.max(candidate.length(), 3) / 3);
            // Words whose lengths differ by more than the allowed edits cannot be within reach; this also
            // keeps very long input cheap.
            if (Math.abs(candidate.length() - lower.length()) > allowed) {
                continue;
            }
            int d = distance(lower, candidate.toLowerCase(java.util.Locale.ROOT));
            if (d <= allowed && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Optimal string alignment distance (Levenshtein plus transpositions of neighbours). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
