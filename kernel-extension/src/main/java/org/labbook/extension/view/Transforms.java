package org.labbook.extension.view;

import java.util.Arrays;

/** What curves do to a series before drawing: smoothing, best-so-far, and a spike-keeping point cap. */
final class Transforms {
    private Transforms() {
    }

    /**
     * Exponential moving average with bias correction (as TensorBoard's smoothing slider): with weight
     * {@code s}, each point is {@code s * previous + (1 - s) * value}, divided by {@code 1 - s^n} so the first
     * points are not pulled towards zero. NaN points stay NaN and do not disturb the average.
     */
    static double[] ema(double[] values, double smoothing) {
        if (smoothing <= 0) {
            return values;
        }
        double[] out = new double[values.length];
        double average = 0;
        double weight = 1;
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!Double.isFinite(v)) {
                out[i] = v;
                continue;
            }
            average = smoothing * average + (1 - smoothing) * v;
            weight *= smoothing;
            out[i] = average / (1 - weight);
        }
        return out;
    }

    /** The best value seen up to each point (running min or max); NaN before the first real value. */
    static double[] bestSoFar(double[] values, MetricDirection direction) {
        double[] out = new double[values.length];
        double best = Double.NaN;
        for (int i = 0; i < values.length; i++) {
            if (direction.isBetter(values[i], best)) {
                best = values[i];
            }
            out[i] = best;
        }
        return out;
    }

    /**
     * At most {@code maxPoints} points of {@code series}. The store already downsamples keeping spikes; this
     * is the fallback when more points arrive: the points are split into buckets of consecutive steps and
     * each bucket keeps its lowest and its highest value, in step order, so no spike disappears (random
     * sampling would hide them).
     */
    static Series capPoints(Series series, int maxPoints) {
        int n = series.size();
        if (n <= maxPoints || maxPoints < 4) {
            return series;
        }
        int buckets = maxPoints / 2;
        long[] steps = new long[buckets * 2];
        long[] times = new long[buckets * 2];
        double[] values = new double[buckets * 2];
        int kept = 0;
        double[] v = series.values();
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets);
            int to = (int) ((long) (b + 1) * n / buckets);
            int lo = -1;
            int hi = -1;
            for (int i = from; i < to; i++) {
                if (Double.isNaN(v[i])) {
                    continue;
                }
                if (lo < 0 || v[i] < v[lo]) {
                    lo = i;
                }
                if (hi < 0 || v[i] > v[hi]) {
                    hi = i;
                }
            }
            if (lo < 0) {
                // A bucket of NaN only: keep one NaN so the gap stays visible as a gap.
                lo = from;
                hi = from;
            }
            int first = Math.min(lo, hi);
            int second = Math.max(lo, hi);
            steps[kept] = series.steps()[first];
            times[kept] = series.timestamps()[first];
            values[kept++] = v[first];
            if (second != first) {
                steps[kept] = series.steps()[second];
                times[kept] = series.timestamps()[second];
                values[kept++] = v[second];
            }
        }
        return new Series(series.runLabel(), series.metricKey(), Arrays.copyOf(steps, kept),
                Arrays.copyOf(times, kept), Arrays.copyOf(values, kept));
    }

    /** The points that can be drawn: finite, and positive when the axis is logarithmic. */
    static Series drawable(Series series, boolean logY) {
        double[] v = series.values();
        int keep = 0;
        for (double value : v) {
            if (Double.isFinite(value) && (!logY || value > 0)) {
                keep++;
            }
        }
        if (keep == v.length) {
            return series;
        }
        long[] steps = new long[keep];
        long[] times = new long[keep];
        double[] values = new double[keep];
        int j = 0;
        for (int i = 0; i < v.length; i++) {
            if (Double.isFinite(v[i]) && (!logY || v[i] > 0)) {
                steps[j] = series.steps()[i];
                times[j] = series.timestamps()[i];
                values[j++] = v[i];
            }
        }
        return new Series(series.runLabel(), series.metricKey(), steps, times, values);
    }
}
