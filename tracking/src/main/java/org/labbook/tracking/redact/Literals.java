package org.labbook.tracking.redact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A set of literal strings (at least two characters each) found in a text in one scan, as in Wu and Manber's
 * multi-pattern search: a window as long as the shortest literal slides along the text, and the two characters
 * at its end say how far it may jump (a pair found in no literal lets it jump nearly its whole length). Where
 * it cannot jump, only the few literals that start with the window's first two characters are compared. The
 * cost grows with the text, not with text × literals, and falls as the literals grow longer; it needs neither
 * a lower-case copy of the text nor a regular expression. Immutable.
 */
final class Literals {

    private static final int BUCKET_BITS = 12;

    private final String[] ordered;
    private final String[][] buckets;
    /** By the 16-bit key of the pair ending a window: how far the window may move without passing a literal. */
    private final byte[] shifts;
    /** The window: the length of the shortest literal, at most {@value #MAX_WINDOW}. */
    private final int window;
    private final boolean ignoreCase;

    private static final int MAX_WINDOW = 100;

    private Literals(String[] ordered, String[][] buckets, byte[] shifts, int window, boolean ignoreCase) {
        this.ordered = ordered;
        this.buckets = buckets;
        this.shifts = shifts;
        this.window = window;
        this.ignoreCase = ignoreCase;
    }

    /** The literals, compared as they are or, with {@code ignoreCase}, ignoring the case of ASCII letters. */
    static Literals of(Collection<String> literals, boolean ignoreCase) {
        String[] ordered = new LinkedHashSet<>(literals).toArray(String[]::new);
        // Longest first, so that of two literals starting at one place the longer is found.
        Arrays.sort(ordered, Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        List<List<String>> lists = new ArrayList<>();
        for (int i = 0; i < 1 << BUCKET_BITS; i++) {
            lists.add(null);
        }
        int window = MAX_WINDOW;
        for (String literal : ordered) {
            if (literal.length() < 2) {
                throw new IllegalArgumentException("A literal needs two characters: '" + literal + "'");
            }
            window = Math.min(window, literal.length());
        }
        byte[] shifts = new byte[1 << 16];
        Arrays.fill(shifts, (byte) (window - 1));
        for (String literal : ordered) {
            // A pair at offset j of a literal's first `window` characters ends the window when the window starts
            // window-2-j characters before the literal: no further jump is safe. Keys that collide keep the least.
            for (int j = 0; j <= window - 2; j++) {
                int key = key(literal.charAt(j), literal.charAt(j + 1), ignoreCase);
                shifts[key] = (byte) Math.min(shifts[key], window - 2 - j);
            }
            int key = key(literal.charAt(0), literal.charAt(1), ignoreCase);
            int bucket = key & ((1 << BUCKET_BITS) - 1);
            if (lists.get(bucket) == null) {
                lists.set(bucket, new ArrayList<>());
            }
            lists.get(bucket).add(literal);
        }
        String[][] buckets = new String[1 << BUCKET_BITS][];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = lists.get(i) == null ? null : lists.get(i).toArray(String[]::new);
        }
        return new Literals(ordered, buckets, shifts, ordered.length == 0 ? 2 : window, ignoreCase);
    }

    List<String> literals() {
        return List.of(ordered);
    }

    boolean isEmpty() {
        return ordered.length == 0;
    }

    /** The first position at or after {@code from} where a literal starts, or -1. */
    int next(String text, int from) {
        if (ordered.length == 0) {
            return -1;
        }
        int end = text.length() - window;
        int i = Math.max(0, from);
        while (i <= end) {
            int shift = shifts[key(text.charAt(i + window - 2), text.charAt(i + window - 1), ignoreCase)];
            if (shift > 0) {
                i += shift;
            } else if (at(text, i) != null) {
                return i;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** The longest literal that starts at {@code position}, or null. */
    String at(String text, int position) {
        if (position + 1 >= text.length()) {
            return null;
        }
        String[] bucket = buckets[key(text.charAt(position), text.charAt(position + 1), ignoreCase)
                & ((1 << BUCKET_BITS) - 1)];
        if (bucket != null) {
            for (String literal : bucket) {
                if (text.regionMatches(ignoreCase, position, literal, 0, literal.length())) {
                    return literal;
                }
            }
        }
        return null;
    }

    /** 16 bits from two characters, ASCII letters folded to lower case when case is ignored. */
    private static int key(char first, char second, boolean ignoreCase) {
        char a = ignoreCase && first >= 'A' && first <= 'Z' ? (char) (first + 32) : first;
        char b = ignoreCase && second >= 'A' && second <= 'Z' ? (char) (second + 32) : second;
        return (a * 31 + b) & 0xFFFF;
    }
}
