package org.labbook.tracking.spi;

import java.time.Instant;
import java.util.Optional;

/**
 * One trial of a sweep as stored.
 *
 * @param number the trial's number in the sweep, from 0, in the order trials were handed out
 * @param config the configuration as the sweep API encoded it (JSON)
 * @param attempt 1 for a configuration the strategy proposed, 2 for one re-queued after its first trial
 *     crashed or was killed
 * @param requeuedFrom the number of the trial this one repeats, or -1
 * @param objective the final objective value, when COMPLETE (or PRUNED, its last reported value); may be NaN
 */
public record TrialRecord(String sweepId, int number, String config, TrialState state, int attempt, int requeuedFrom,
                          Optional<String> runId, Optional<String> worker, Optional<Double> objective,
                          Optional<String> error, Optional<Instant> startedAt, Optional<Instant> endedAt) {
    public TrialRecord {
        Validation.required("config", config);
        Validation.required("state", state);
    }
}
