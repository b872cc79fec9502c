package org.labbook.tracking;

/** A run, experiment, metric key or artifact that the caller named does not exist in the store. */
public class NotFoundException extends TrackingException {
    public NotFoundException(String message) {
        super(message);
    }
}
