package org.labbook.extension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.labbook.tracking.Run;

/**
 * The runs that started and ended while one cell ran, as the {@code %track} magics reported them. A cell
 * such as a sweep loop starts and ends several runs; none of them is active after the cell, so only these
 * events tell the recorder about them. Filled on the threads that start and end runs, drained after the cell.
 */
final class RunEvents {
    private final List<Run> started = new ArrayList<>();
    private final Set<String> ended = new HashSet<>();

    synchronized void started(Run run) {
        started.add(run);
    }

    synchronized void ended(Run run) {
        ended.add(run.id());
    }

    /** What happened since the last call, then forgets it. */
    synchronized Drained drain() {
        Drained drained = new Drained(List.copyOf(started), Set.copyOf(ended));
        started.clear();
        ended.clear();
        return drained;
    }

    /** @param started runs started, in order; @param ended ids of runs ended */
    record Drained(List<Run> started, Set<String> ended) {
    }
}
