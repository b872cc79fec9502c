package org.labbook.tracking;

import org.labbook.tracking.spi.Validation;

/**
 * Where a run is in its life. {@link #CRASHED} is never written by a healthy process: it is what a
 * RUNNING run whose heartbeat stopped longer ago than the store's crash timeout reads as, computed at
 * query time, or what {@code Tracker.markCrashed} records for good.
 */
public enum RunStatus {
    RUNNING, FINISHED, FAILED, KILLED, CRASHED;

    /** True for every state except {@link #RUNNING}. */
    public boolean isTerminal() {
        return this != RUNNING;
    }

    /** Parses a status name case-insensitively, with a message listing the valid names. */
    public static RunStatus parse(String text) {
        for (RunStatus status : values()) {
            if (status.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return status;
            }
        }
        throw new ValidationException("Invalid run status '" + Validation.shorten(text)
                + "'. Use one of RUNNING, FINISHED, FAILED, KILLED, CRASHED.");
    }
}
