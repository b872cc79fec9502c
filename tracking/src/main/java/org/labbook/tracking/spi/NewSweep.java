package org.labbook.tracking.spi;

import java.time.Instant;

/**
 * A sweep's definition as the store keeps it. The space, strategy and pruner are kept as the text the
 * sweep API writes and parses back, so the store needs no knowledge of them.
 *
 * @param runId the sweep's own run, parent of every trial's run
 * @param budget how many configurations the strategy may propose (re-queued ones do not count)
 */
public record NewSweep(String sweepId, String name, String experiment, String runId, String space,
                       String objectiveKey, boolean minimize, String strategy, long seed, int budget, String pruner,
                       Instant createdAt) {
    public NewSweep {
        Validation.name("sweep name", name);
        Validation.name("experiment name", experiment);
        Validation.required("sweep id", sweepId);
        Validation.required("run id", runId);
        Validation.required("space", space);
        Validation.required("objective", objectiveKey);
        Validation.required("strategy", strategy);
        Validation.required("pruner", pruner);
        Validation.required("created at", createdAt);
        if (budget < 1) {
            throw new org.labbook.tracking.ValidationException("Invalid trial budget " + budget
                    + ": a sweep needs at least one trial, e.g. --trials 20.");
        }
    }
}
