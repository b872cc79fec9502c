package org.labbook.tracking;

/**
 * A change to a run that another user started, asked without {@link Force#YES}. The message names the
 * run, its owner, the current user and the fix.
 */
public class NotYourRunException extends TrackingException {
    private final String owner;
    private final String currentUser;

    public NotYourRunException(String message, String owner, String currentUser) {
        super(message);
        this.owner = owner;
        this.currentUser = currentUser;
    }

    /** The user who started the run. */
    public String owner() {
        return owner;
    }

    /** The user the tracker acts for ({@link TrackerOptions#user()}). */
    public String currentUser() {
        return currentUser;
    }
}
