package org.labbook.magics.internal;

import org.labbook.kernel.api.UserError;

/**
 * The one documented way code running inside the user's JShell (the {@code Track} API) reaches the
 * kernel session's tracking state. JShell's local execution engine runs cells in the kernel's JVM with
 * the kernel's classes, so the session the extension installed here is the one the magics use. Nothing
 * else reads this holder: handlers and queries are given their session explicitly.
 */
public final class TrackSessions {
    private static volatile TrackSession current;

    private TrackSessions() {
    }

    /** The session of the kernel this code runs in. */
    public static TrackSession current() {
        TrackSession session = current;
        if (session == null) {
            throw new UserError(TrackErrors.ENAME, "Track works inside a Labbook notebook kernel, and none is running"
                    + " in this JVM. In plain Java code use Labbook.open() and the Tracker it returns.");
        }
        return session;
    }

    /** Called by the kernel extension when the kernel starts. */
    public static void install(TrackSession session) {
        current = session;
    }

    /** Called when the kernel shuts down; only the installed session clears itself. */
    public static void clear(TrackSession session) {
        synchronized (TrackSessions.class) {
            if (current == session) {
                current = null;
            }
        }
    }
}
