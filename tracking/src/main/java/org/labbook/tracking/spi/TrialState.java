package org.labbook.tracking.spi;

/**
 * Where a sweep's trial stands. QUEUED trials wait for a worker (a re-queued configuration); RUNNING ones
 * have one; the others are final. A trial whose worker died reads CRASHED once its run's heartbeat is
 * stale; one interrupted by its user is KILLED.
 */
public enum TrialState {
    QUEUED, RUNNING, COMPLETE, PRUNED, FAILED, KILLED, CRASHED;

    public boolean isFinal() {
        return this != QUEUED && this != RUNNING;
    }
}
