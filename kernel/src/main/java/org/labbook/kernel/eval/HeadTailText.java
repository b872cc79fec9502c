package org.labbook.kernel.eval;

import org.labbook.kernel.api.OmittedOutput;

/**
 * Text kept in bounded memory: the first {@code headLimit} characters and the last {@code tailLimit}, with a
 * marker saying how many were left out between them. A training log's start says what ran and its end how it
 * finished; the middle of a 100 MB log is what a record can spare. Not thread-safe.
 */
final class HeadTailText {
    private final int headLimit;
    private final int tailLimit;
    private final StringBuilder head = new StringBuilder();
    /** Holds up to twice the tail limit, trimmed to the limit when full, so trimming costs O(1) per character. */
    private final StringBuilder tail = new StringBuilder();
    private long dropped;

    HeadTailText(int headLimit, int tailLimit) {
        this.headLimit = headLimit;
        this.tailLimit = tailLimit;
    }

    void append(String text) {
        int start = 0;
        if (head.length() < headLimit) {
            start = Math.min(text.length(), headLimit - head.length());
            head.append(text, 0, start);
        }
        if (start == text.length()) {
            return;
        }
        int rest = text.length() - start;
        if (rest >= tailLimit) {
            // Only the end of this text can stay: whatever the tail held goes.
            dropped += tail.length() + rest - tailLimit;
            tail.setLength(0);
            tail.append(text, text.length() - tailLimit, text.length());
            return;
        }
        tail.append(text, start, text.length());
        if (tail.length() > 2 * tailLimit) {
            int excess = tail.length() - tailLimit;
            dropped += excess;
            tail.delete(0, excess);
        }
    }

    @Override
    public String toString() {
        long left = dropped;
        int from = 0;
        if (tail.length() > tailLimit) {
            from = tail.length() - tailLimit;
            left += from;
        }
        if (left == 0) {
            return head.toString() + tail;
        }
        return head + OmittedOutput.textMarker(left) + tail.substring(from);
    }
}
