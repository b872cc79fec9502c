package org.labbook.tracking.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where sweeps keep their trials, shared by every worker of a sweep: kernels, jobs and machines that use
 * the same store. Its one delicate call is {@link #claim}: it hands each trial to exactly one worker and
 * keeps the budget across all of them, in one write transaction. A store that supports sweeps offers one
 * through {@link RunStore#sweeps()}.
 */
public interface SweepStore {

    /**
     * Proposes the configuration of a new trial. Must be a pure function of its input: a transaction that
     * is retried asks again.
     */
    @FunctionalInterface
    interface Suggester {
        /**
         * @param number the new trial's number
         * @param proposal how many configurations were proposed before (re-queued repeats not counted)
         * @param trials the sweep's trials so far, read only when asked for: a strategy that does not learn
         *     from them keeps the hand-out's write transaction short
         */
        String suggest(int number, int proposal, Supplier<List<TrialRecord>> trials);
    }

    /**
     * What a worker got: a trial to run, or none, with whether other workers still run trials (one that
     * crashes re-queues its configuration, so a worker that wants to see the sweep through waits).
     */
    record Claim(Optional<TrialRecord> trial, boolean othersRunning) {
        public Claim {
            Validation.required("trial", trial);
        }
    }

    /** Records a new sweep; a name already taken is refused with one line and nothing is stored. */
    SweepRecord create(NewSweep sweep);

    Optional<SweepRecord> find(String name);

    /** Every sweep, oldest first. */
    List<SweepRecord> sweeps();

    /**
     * Hands the next trial to {@code worker}, in one write transaction: first every RUNNING trial whose run
     * has a stale heartbeat (or never got a run) turns CRASHED, its run CRASHED, and its configuration is
     * queued once more if it was a first attempt; then the oldest queued trial is taken, else, while the
     * budget lasts, a new one with the configuration {@code suggester} proposes.
     */
    Claim claim(String sweepId, String worker, Instant now, Suggester suggester);

    /** Links a RUNNING trial to the run that records it. */
    void attachRun(String sweepId, int number, String runId);

    /**
     * Records an intermediate objective value of a trial at a step and answers the median of the
     * values COMPLETE trials reported at that step, with how many there were (NaN and 0 when none).
     */
    StepMedian report(String sweepId, int number, long step, double value);

    /** The median of COMPLETE trials' intermediate values at one step, and how many trials it is taken over. */
    record StepMedian(double median, int trials) {
    }

    /** Ends a RUNNING trial. KILLED re-queues the configuration once, as a crash does. */
    void finish(String sweepId, int number, TrialState state, double objective, String error, Instant now);

    /** Every trial of a sweep, by number. */
    List<TrialRecord> trials(String sweepId);
}
