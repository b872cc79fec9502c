package org.labbook.tracking;

/**
 * The one root of every exception the tracking library throws on purpose.
 *
 * <p>It is unchecked because almost every failure here is either a user mistake (a bad key, a
 * conflicting param, an unknown run) that the caller cannot sensibly recover from in the middle of a
 * training loop, or a storage failure that should propagate. Subclasses tell the user what went wrong
 * in one line: {@link #getMessage()} names the value, the rule and the fix, and never contains SQL
 * text or credentials. Front ends (the notebook kernel) print {@link #ename()} and
 * {@link #getMessage()} instead of a stack trace.
 */
public class TrackingException extends RuntimeException {

    public TrackingException(String message) {
        super(message);
    }

    public TrackingException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Short name shown to notebook users as the error's type, e.g. {@code ValidationException}. */
    public String ename() {
        return getClass().getSimpleName();
    }
}
