package org.labbook.extension;

import java.util.Optional;
import org.labbook.kernel.api.UserError;
import org.labbook.magics.Track;
import org.labbook.tracking.Run;
import org.labbook.tracking.Tracker;

/**
 * Where the recorder learns which run is active and which store it lives in: the {@code %track} magics'
 * session in this kernel. Empty answers when tracking is not installed or no run was started.
 */
interface TrackedRuns {

    /** The notebook's current run, if one is active. */
    Optional<Run> activeRun();

    /** The tracker of the session's store; opening it is the caller's signal that a run needs it. */
    Optional<Tracker> tracker();

    /** The runs as the {@code %track} magics keep them. */
    static TrackedRuns ofTrackMagics() {
        return new TrackedRuns() {
            @Override
            public Optional<Run> activeRun() {
                try {
                    return Track.activeRun();
                } catch (UserError noTrackingInThisKernel) {
                    return Optional.empty();
                }
            }

            @Override
            public Optional<Tracker> tracker() {
                try {
                    return Optional.of(Track.tracker());
                } catch (UserError noTrackingInThisKernel) {
                    return Optional.empty();
                }
            }
        };
    }
}
