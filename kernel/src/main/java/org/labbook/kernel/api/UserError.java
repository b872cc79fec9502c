package org.labbook.kernel.api;

/**
 * A mistake of the user, reported as the cell's error in one line (ename and evalue), never with a stack
 * trace. Magics throw it for bad input; the message says what was wrong, the rule, and the fix.
 */
public class UserError extends RuntimeException {
    private final String ename;

    public UserError(String ename, String message) {
        super(message, null, false, false);
        this.ename = ename;
    }

    public UserError(String message) {
        this("UsageError", message);
    }

    /** The error's name as the front end shows it, e.g. "UsageError". */
    public String ename() {
        return ename;
    }
}
