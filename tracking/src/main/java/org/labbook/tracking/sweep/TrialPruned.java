package org.labbook.tracking.sweep;

import org.labbook.tracking.TrackingException;

/**
 * Thrown by {@link Trial#report} when the pruner stops the trial; {@link Sweep#run} catches it and ends the
 * trial PRUNED (its run KILLED with the tag {@code sweep.pruned=true}). Let it propagate out of the trial's
 * body; catching it keeps a hopeless trial running.
 */
public class TrialPruned extends TrackingException {
    public TrialPruned(String message) {
        super(message);
    }
}
