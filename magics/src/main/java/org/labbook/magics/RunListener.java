package org.labbook.magics;

import org.labbook.tracking.Run;
import org.labbook.tracking.RunStatus;

/**
 * Told when the notebook's runs start and end, e.g. to attach what the session did to each run, also
 * for runs that start and end within one cell. List implementations in
 * {@code META-INF/services/org.labbook.magics.RunListener}; they need a public no-argument constructor and
 * are found when the kernel starts.
 *
 * <p>Called on the thread that started or ended the run. A listener that throws is reported once on the
 * kernel's log and then skipped: it never fails the user's call.
 */
public interface RunListener {

    /** The run was started (and is the notebook's current run). */
    default void runStarted(Run run) {
    }

    /**
     * The run ended with {@code status}: through {@code %track end} or {@code Track.end}, when the kernel
     * shut down, or (noticed at the next tracking call) through the run's own handle.
     */
    default void runEnded(Run run, RunStatus status) {
    }
}
