package org.labbook.tracking.sweep;

import org.labbook.tracking.ValidationException;

/**
 * Whether and when a sweep stops hopeless trials early. The median pruner stops a trial whose
 * intermediate objective at a step is worse than the median of what the completed trials reported at that
 * step, once {@code startupTrials} trials have completed and from step {@code warmupSteps} on.
 */
public record Pruner(boolean enabled, int startupTrials, long warmupSteps) {
    /** Defaults of the median pruner: five completed trials before any pruning, and five warm-up steps. */
    public static final int DEFAULT_STARTUP_TRIALS = 5;
    public static final long DEFAULT_WARMUP_STEPS = 5;

    public Pruner {
        if (startupTrials < 0 || warmupSteps < 0) {
            throw new ValidationException("Invalid pruner: startup trials " + startupTrials + " and warm-up steps "
                    + warmupSteps + " must not be negative.");
        }
    }

    public static Pruner none() {
        return new Pruner(false, 0, 0);
    }

    public static Pruner median() {
        return new Pruner(true, DEFAULT_STARTUP_TRIALS, DEFAULT_WARMUP_STEPS);
    }

    public static Pruner median(int startupTrials, long warmupSteps) {
        return new Pruner(true, startupTrials, warmupSteps);
    }

    /** Reads {@code none}, {@code median} or {@code median(STARTUP, WARMUP)}, as {@link #toString()} writes. */
    public static Pruner parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.equals("none")) {
            return none();
        }
        if (t.equals("median")) {
            return median();
        }
        if (t.matches("median\\(\\s*\\d{1,6}\\s*,\\s*\\d{1,9}\\s*\\)")) {
            String[] parts = t.substring(7, t.length() - 1).split(",");
            return median(Integer.parseInt(parts[0].strip()), Long.parseLong(parts[1].strip()));
        }
        throw new ValidationException("Invalid pruner '" + t + "': use none, median, or median(STARTUP, WARMUP)"
                + " with the completed trials and the steps to wait before pruning.");
    }

    /** Whether a trial reporting {@code value} at {@code step} should stop, given the median at that step. */
    boolean shouldPrune(Objective objective, double value, long step, double stepMedian, int completedAtStep) {
        if (!enabled || step < warmupSteps || completedAtStep < Math.max(1, startupTrials) || Double.isNaN(stepMedian)) {
            return false;
        }
        return Double.isNaN(value) || objective.better(stepMedian, value);
    }

    @Override
    public String toString() {
        return enabled ? "median(" + startupTrials + ", " + warmupSteps + ")" : "none";
    }
}
