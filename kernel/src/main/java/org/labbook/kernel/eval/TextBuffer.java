package org.labbook.kernel.eval;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Collects bytes a cell prints and hands them on as text at each newline, on flush, and when a chunk
 * grows large; a UTF-8 sequence cut between two writes waits for its remaining bytes.
 */
final class TextBuffer {
    private static final int MAX_PENDING = 8192;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final Consumer<String> sink;

    TextBuffer(Consumer<String> sink) {
        this.sink = sink;
    }

    synchronized void write(byte[] bytes, int offset, int length) {
        pending.write(bytes, offset, length);
        boolean newline = false;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                newline = true;
                break;
            }
        }
        if (newline || pending.size() >= MAX_PENDING) {
            flush();
        }
    }

    synchronized void flush() {
        byte[] bytes = pending.toByteArray();
        int complete = completeLength(bytes);
        if (complete == 0) {
            return;
        }
        pending.reset();
        pending.write(bytes, complete, bytes.length - complete);
        sink.accept(new String(bytes, 0, complete, StandardCharsets.UTF_8));
    }

    /** Everything up to a trailing, unfinished UTF-8 sequence. */
    static int completeLength(byte[] bytes) {
        int n = bytes.length;
        for (int back = 1; back <= 3 && back <= n; back++) {
            int b = bytes[n - back] & 0xFF;
            if (b < 0x80) {
                return n;
            }
            if (b >= 0xC0) {
                int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                return back < needed ? n - back : n;
            }
        }
        return n;
    }
}
