package org.labbook.tracking;

/**
 * A value breaks a documented rule: a key with a forbidden character, a param value over 6000
 * characters, an empty experiment name. The message quotes the value (shortened when long), states the
 * rule and says how to fix it.
 */
public class ValidationException extends TrackingException {
    public ValidationException(String message) {
        super(message);
    }
}
