package org.labbook.tracking;

import org.labbook.tracking.spi.Validation;

/**
 * A param was logged again with a different value. Params are write-once so that a run's settings
 * cannot silently change after metrics were logged against them; the message quotes both values.
 */
public class ParamConflictException extends TrackingException {
    private final String key;
    private final String existingValue;
    private final String newValue;

    public ParamConflictException(String runId, String key, String existingValue, String newValue) {
        super("Param '" + key + "' of run " + runId + " is already '" + Validation.shorten(existingValue)
                + "'; cannot change it to '" + Validation.shorten(newValue)
                + "'. Params are write-once: log the new value under another key, or start a new run.");
        this.key = key;
        this.existingValue = existingValue;
        this.newValue = newValue;
    }

    public String key() {
        return key;
    }

    public String existingValue() {
        return existingValue;
    }

    public String newValue() {
        return newValue;
    }
}
