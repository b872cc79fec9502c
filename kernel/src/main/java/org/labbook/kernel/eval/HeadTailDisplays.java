package org.labbook.kernel.eval;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.labbook.kernel.api.MimeBundle;
import org.labbook.kernel.api.OmittedOutput;

/**
 * A cell's displays kept in bounded memory: the first {@code headLimit} and the last {@code tailLimit}, with a note
 * between them counting what was left out. A live chart redrawn for hours publishes thousands of frames; the record
 * needs the first and the last. Not thread-safe.
 */
final class HeadTailDisplays {
    private final int headLimit;
    private final int tailLimit;
    private final List<MimeBundle> head = new ArrayList<>();
    private final ArrayDeque<MimeBundle> tail = new ArrayDeque<>();
    private int dropped;

    HeadTailDisplays(int headLimit, int tailLimit) {
        this.headLimit = headLimit;
        this.tailLimit = tailLimit;
    }

    void add(MimeBundle bundle) {
        if (head.size() < headLimit) {
            head.add(bundle);
            return;
        }
        tail.addLast(bundle);
        if (tail.size() > tailLimit) {
            tail.removeFirst();
            dropped++;
        }
    }

    List<MimeBundle> toList() {
        List<MimeBundle> all = new ArrayList<>(head);
        if (dropped > 0) {
            all.add(OmittedOutput.displaysNote(dropped));
        }
        all.addAll(tail);
        return List.copyOf(all);
    }
}
