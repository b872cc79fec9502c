package org.labbook.magics.internal;

import java.util.HashMap;
import java.util.Map;
import org.labbook.tracking.MetricSummary;
import org.labbook.tracking.Run;
import org.labbook.tracking.Tracker;

/**
 * The step a point logged without one gets, computed here while metric listeners are listening so that
 * the store and the listeners see the same step. The run's own rule is followed: the key's highest step
 * so far plus one, 0 for a new key. A key seen for the first time starts from what the store holds.
 * Dropped when the last listener leaves, since the run counts on its own after that.
 */
final class AutoSteps {
    private final Map<String, Long> lastSteps = new HashMap<>();

    synchronized long next(Run run, String key, Tracker tracker) {
        String id = run.id() + '\u0000' + key;
        Long last = lastSteps.get(id);
        if (last == null) {
            run.flush();
            MetricSummary summary = tracker.metricSummaries(run.id()).get(key);
            last = summary == null ? -1L : summary.lastStep();
        }
        long step = last + 1;
        lastSteps.put(id, step);
        return step;
    }

    /** A point with an explicit step: later auto steps continue above it. */
    synchronized void saw(Run run, String key, long step) {
        lastSteps.computeIfPresent(run.id() + '\u0000' + key, (id, last) -> Math.max(last, step));
    }

    synchronized void clear() {
        lastSteps.clear();
    }
}
