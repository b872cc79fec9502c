package org.labbook.magics;

/**
 * Sees every metric point the notebook logs to its current run ({@code Track.metric}, {@code Track.metrics},
 * {@code %track metric}), e.g. to draw it live. Register with {@link Track#listen}.
 *
 * <p>Called synchronously on the thread that logged the point, after the run accepted it: keep it to a few
 * nanoseconds (copy the point into memory; draw elsewhere). A listener that throws fails the logging call.
 */
@FunctionalInterface
public interface MetricListener {

    /**
     * @param runId           the run the point was logged to
     * @param key             the metric's key
     * @param step            its step (for points logged without one, the step the run gave them)
     * @param timestampMillis when it was logged, in milliseconds since the epoch
     * @param value           its value; NaN and infinities included
     */
    void point(String runId, String key, long step, long timestampMillis, double value);
}
