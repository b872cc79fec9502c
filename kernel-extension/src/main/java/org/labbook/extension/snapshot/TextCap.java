package org.labbook.extension.snapshot;

import java.util.function.UnaryOperator;
import org.labbook.kernel.api.OmittedOutput;

/**
 * Caps recorded text. Keeps the head and the tail (a training log's last lines say how it ended) and puts a
 * visible marker where the middle was cut. Redaction runs on the kept parts with a margin, so that a secret
 * straddling a cut is recognised whole before it is cut.
 */
public final class TextCap {

    /** Characters beyond the cut that redaction still sees: longer than any credential format it knows. */
    private static final int REDACTION_MARGIN = 8 * 1024;

    private TextCap() {
    }

    /** The text redacted, cleaned of unpaired surrogates and NULs, and capped to about {@code limit} characters. */
    public static String cap(String text, int limit, UnaryOperator<String> redact) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        if (text.length() <= limit) {
            return clean(redact.apply(text));
        }
        int headLength = limit * 3 / 4;
        int tailLength = limit - headLength;
        String head = redact.apply(text.substring(0, Math.min(text.length(), headLength + REDACTION_MARGIN)));
        String tail = redact.apply(text.substring(Math.max(0, text.length() - tailLength - REDACTION_MARGIN)));
        head = head.substring(0, Math.min(head.length(), headLength));
        tail = tail.substring(Math.max(0, tail.length() - tailLength));
        // The kernel may have cut the middle already: its marker, if it falls in what is cut here, counts as the
        // characters it stands for.
        long cut = text.length() - headLength - tailLength
                + OmittedOutput.charactersBehindMarkers(text.subSequence(headLength, text.length() - tailLength));
        return clean(head) + marker(cut) + clean(tail);
    }

    /** The marker that replaces {@code characters} cut characters. */
    public static String marker(long characters) {
        return "\n[... " + characters + " characters cut by Labbook ...]\n";
    }

    /**
     * Replaces unpaired UTF-16 surrogates (binary garbage decoded as text, or a cut through a pair) and NUL
     * characters with U+FFFD, so that the text encodes as UTF-8 JSON that every reader accepts.
     */
    static String clean(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean bad;
            if (Character.isHighSurrogate(c)) {
                bad = i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
                if (!bad) {
                    if (out != null) {
                        out.append(c).append(text.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else {
                bad = Character.isLowSurrogate(c) || c == '\0';
            }
            if (bad && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(bad ? '\uFFFD' : c);
            }
        }
        return out == null ? text : out.toString();
    }
}
