package org.labbook.tracking;

/**
 * A promotion's gate did not hold for the candidate version: nothing was moved. The message names the
 * clause that failed and the value the run actually has.
 */
public class GateFailedException extends TrackingException {
    private final String clause;

    public GateFailedException(String message, String clause) {
        super(message);
        this.clause = clause;
    }

    /** The failing clause, as canonical filter text. */
    public String clause() {
        return clause;
    }
}
