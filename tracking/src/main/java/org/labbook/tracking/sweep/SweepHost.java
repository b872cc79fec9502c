package org.labbook.tracking.sweep;

import java.util.function.Consumer;

import org.labbook.tracking.Run;
import org.labbook.tracking.RunStatus;
import org.labbook.tracking.Tracker;

/**
 * Where {@link Sweep}'s methods without a tracker find one, and how a sweep shows its progress while it
 * runs. Outside a notebook it is the default store and no display; a notebook kernel installs its own
 * with {@link Sweep#install}, so that {@code Sweep.get("lr-search").run(...)} in a cell uses the
 * notebook's store and draws one display that updates in place.
 */
public interface SweepHost {

    Tracker tracker();

    /** Told the sweep's progress before the first trial and after each; called on the sweep's thread. */
    default Consumer<Sweep.Progress> progress(Sweep sweep) {
        return progress -> { };
    }

    /** A trial's run has started (a notebook records its session snapshot as for any run). */
    default void trialStarted(Run run) {
    }

    /** A trial's run has ended with this status. */
    default void trialEnded(Run run, RunStatus status) {
    }
}
