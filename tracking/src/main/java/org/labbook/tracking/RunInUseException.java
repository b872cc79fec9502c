package org.labbook.tracking;

/** A run that model versions point at cannot be deleted without forcing. */
public class RunInUseException extends TrackingException {
    public RunInUseException(String message) {
        super(message);
    }
}
