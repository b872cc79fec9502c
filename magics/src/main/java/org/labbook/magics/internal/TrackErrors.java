package org.labbook.magics.internal;

import org.labbook.kernel.api.UserError;

/** The errors of the tracking layer that the user sees, each one line with the fix. */
public final class TrackErrors {
    /** The error name of every mistake in a {@code %track} command or a {@code Track} call. */
    public static final String ENAME = "TrackUsageError";

    private TrackErrors() {
    }

    public static UserError usage(String message) {
        return new UserError(ENAME, message);
    }

    /** Nothing is being tracked, so {@code action} (e.g. "log a metric") has no run to go to. */
    public static UserError noActiveRun(String action) {
        return usage("No active run to " + action + ": start one first with %track start (or Track.start() in Java code).");
    }
}
