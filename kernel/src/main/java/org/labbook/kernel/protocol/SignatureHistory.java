package org.labbook.kernel.protocol;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * The signatures of the messages accepted lately. A signature covers the header with its unique msg_id and date,
 * so a second message with the same signature is a verbatim replay of an earlier one and is dropped, as
 * jupyter_client does. Bounded like jupyter_client's digest history (65,536 entries, about 6 MB at most): when it is
 * full the oldest tenth is forgotten, which only matters for a replay of a message that old.
 */
final class SignatureHistory {
    static final int DEFAULT_CAPACITY = 1 << 16;

    private final int capacity;
    private final LinkedHashSet<ByteBuffer> seen = new LinkedHashSet<>();

    SignatureHistory(int capacity) {
        if (capacity < 10) {
            throw new IllegalArgumentException("a signature history keeps at least 10 signatures");
        }
        this.capacity = capacity;
    }

    /** Remembers the signature; false if it was already there (a replay). */
    synchronized boolean firstTime(byte[] signature) {
        if (!seen.add(ByteBuffer.wrap(signature.clone()))) {
            return false;
        }
        if (seen.size() > capacity) {
            Iterator<ByteBuffer> oldest = seen.iterator();
            for (int i = capacity / 10; i > 0 && oldest.hasNext(); i--) {
                oldest.next();
                oldest.remove();
            }
        }
        return true;
    }

    synchronized int size() {
        return seen.size();
    }
}
