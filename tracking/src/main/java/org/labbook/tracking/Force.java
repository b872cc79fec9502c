package org.labbook.tracking;

/**
 * Whether a change to a run may touch another user's run. A run belongs to the user who started it
 * ({@link RunInfo#user()}); ending, deleting, restoring, tagging, noting or resuming (to log params) a
 * run of someone else is refused unless the call says {@link #YES}, so that a teammate's runs in a
 * shared store are not changed by a mistyped id.
 *
 * <pre>{@code
 * tracker.deleteRun(runId);             // only one of my runs
 * tracker.deleteRun(runId, Force.YES);  // anyone's
 * }</pre>
 */
public enum Force {
    /** Only the current user's runs; another's is refused with a {@link NotYourRunException}. */
    NO,
    /** Any run, whoever started it. */
    YES
}
