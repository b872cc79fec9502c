package org.labbook.tracking.redact;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Secret values collected while a process runs, found and replaced in any text in one pass.
 *
 * <p>A value is collected only if it has at least {@value #MIN_LENGTH} characters (after trimming): shorter
 * ones ({@code 1234}, {@code admin}, {@code true}) occur by chance in ordinary output, and replacing them
 * everywhere would garble it. Short secrets are still redacted by name ({@code password=abc}) wherever a
 * name goes with them. Along with a value, its JSON-escaped form is collected when it differs, so a value
 * holding a quote or backslash is found in JSON text (notebook files, records) too.
 *
 * <p>Thread-safe: adding builds a new immutable index, which readers pick up without locking.
 */
public final class SecretValues {

    /** The shortest value collected; documented in the README's redaction section. */
    public static final int MIN_LENGTH = 6;

    private volatile Index index = Index.EMPTY;

    public SecretValues() {
    }

    /** Values of environment variables whose names look secret. */
    public static SecretValues fromEnvironment(Map<String, String> environment, SecretNames names) {
        SecretValues values = new SecretValues();
        environment.forEach((name, value) -> {
            if (names.isSecret(name)) {
                values.add(value);
            }
        });
        return values;
    }

    /**
     * Collects a value (and its JSON-escaped form) if it is long enough; returns whether anything new was
     * collected. A value inside {@link Scrubber#MARKER} is not collected: it could never be hidden, and it is
     * no secret.
     */
    public boolean add(String value) {
        if (value == null) {
            return false;
        }
        String trimmed = value.strip();
        if (trimmed.length() < MIN_LENGTH || Scrubber.MARKER.contains(trimmed)) {
            return false;
        }
        synchronized (this) {
            Set<String> all = new LinkedHashSet<>(index.values);
            boolean added = all.add(trimmed);
            String escaped = jsonEscaped(trimmed);
            if (!escaped.equals(trimmed)) {
                added |= all.add(escaped);
            }
            if (added) {
                index = Index.of(all);
            }
            return added;
        }
    }

    /** Adds every value of another collection. */
    public void addAll(SecretValues other) {
        for (String value : other.index.values) {
            add(value);
        }
    }

    /** The collected values, longest first (not for display: they are secrets). */
    public List<String> values() {
        return List.of(index.ordered);
    }

    public boolean isEmpty() {
        return index.ordered.length == 0;
    }

    /** The text with every occurrence of every collected value replaced by {@code marker}. */
    String replaceIn(String text, String marker) {
        Index current = index;
        if (current.ordered.length == 0 || text.isEmpty()) {
            return text;
        }
        String out = current.replace(text, marker);
        if (current.mayOverlapMarker) {
            // A value holding '[' or ']' could be formed anew by a marker and its neighbours, e.g. "ab[redac":
            // repeat until none is left. Values without them never overlap a marker, so one pass suffices.
            for (int round = 0; round < 4 && current.foundIn(out); round++) {
                out = current.replace(out, marker);
            }
            if (current.foundIn(out)) {
                return marker;
            }
        }
        return out;
    }

    private static String jsonEscaped(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** The values and a finder for them; values holding '[' or ']' need the extra check described above. */
    private record Index(List<String> values, String[] ordered, Literals finder, boolean mayOverlapMarker) {
        static final Index EMPTY = new Index(List.of(), new String[0], Literals.of(List.of(), false), false);

        static Index of(Set<String> values) {
            Literals finder = Literals.of(values, false);
            List<String> ordered = finder.literals();
            boolean overlap = false;
            for (String value : ordered) {
                overlap |= value.indexOf('[') >= 0 || value.indexOf(']') >= 0;
            }
            return new Index(List.copyOf(values), ordered.toArray(String[]::new), finder, overlap);
        }

        String replace(String text, String marker) {
            StringBuilder out = null;
            int copied = 0;
            int at = finder.next(text, 0);
            while (at >= 0) {
                String found = finder.at(text, at);
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, copied, at).append(marker);
                copied = at + found.length();
                at = finder.next(text, copied);
            }
            return out == null ? text : out.append(text, copied, text.length()).toString();
        }

        boolean foundIn(String text) {
            for (String value : ordered) {
                if (text.contains(value)) {
                    return true;
                }
            }
            return false;
        }
    }
}
