package org.labbook.extension;

import org.labbook.magics.RunListener;
import org.labbook.tracking.Run;
import org.labbook.tracking.RunStatus;

/**
 * Tells the session recorder about every run the notebook starts and ends, including runs that start and
 * end within one cell. Found by the {@code %track} magics through
 * {@code META-INF/services/org.labbook.magics.RunListener}; it forwards to the snapshot extension of this
 * kernel, and does nothing when snapshots are off.
 */
public final class SnapshotRunListener implements RunListener {

    @Override
    public void runStarted(Run run) {
        SnapshotExtension.runEvents().ifPresent(events -> events.started(run));
    }

    @Override
    public void runEnded(Run run, RunStatus status) {
        SnapshotExtension.runEvents().ifPresent(events -> events.ended(run));
    }
}
