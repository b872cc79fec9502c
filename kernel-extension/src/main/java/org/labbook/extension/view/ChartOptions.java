package org.labbook.extension.view;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How charts are drawn.
 *
 * @param smoothing          EMA weight in [0, 1): 0 draws the raw values, 0.9 a strongly smoothed curve
 * @param bestSoFar          draw the running best (min or max by the metric's direction) instead of the value
 * @param maxPointsPerSeries the most points a curve of the image gets; more are reduced keeping each bucket's
 *                           min and max
 * @param maxImagePoints     the most points of one image, over all its curves: each curve gets an equal share
 *                           (never fewer than {@value #MIN_POINTS_PER_CURVE}), reduced the same way
 * @param maxInteractivePoints the most points of one interactive chart, over all its curves, so the notebook
 *                           stays small; each curve gets an equal share, reduced the same way
 * @param formats            the MIME types to produce
 */
public record ChartOptions(XAxis xAxis, boolean logY, double smoothing, boolean bestSoFar, int width, int height,
                           int maxPointsPerSeries, int maxImagePoints, int maxInteractivePoints,
                           Map<String, MetricDirection> directions, Set<ChartFormat> formats) {

    /** Enough for a curve's shape and its spikes at the width of a notebook cell. */
    public static final int MIN_POINTS_PER_CURVE = 200;

    public ChartOptions {
        if (xAxis == null) {
            throw new IllegalArgumentException("An x axis is required: STEP, RELATIVE_TIME or WALL_TIME.");
        }
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException("Invalid smoothing " + smoothing
                    + ": it is an EMA weight from 0 (none) up to but not including 1, e.g. 0.6.");
        }
        if (width < 100 || height < 100 || width > 4000 || height > 4000) {
            throw new IllegalArgumentException("Invalid chart size " + width + "x" + height
                    + ": width and height must be between 100 and 4000 pixels.");
        }
        if (maxPointsPerSeries < 4 || maxImagePoints < 4 || maxInteractivePoints < 4) {
            throw new IllegalArgumentException("A chart needs to keep at least 4 points per curve.");
        }
        directions = Map.copyOf(directions);
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("A chart needs at least one format: PNG, SVG or VEGA_LITE.");
        }
        formats = Set.copyOf(formats);
    }

    /**
     * Steps on x, linear y, raw values, 720x400 pixels, PNG plus the interactive spec. SVG is left out by
     * default because front ends that know SVG would prefer it to the PNG and it grows with the points drawn.
     */
    public static ChartOptions defaults() {
        return new ChartOptions(XAxis.STEP, false, 0, false, 720, 400, 2_000, 30_000, 20_000, Map.of(),
                EnumSet.of(ChartFormat.PNG, ChartFormat.VEGA_LITE));
    }

    public ChartOptions withXAxis(XAxis axis) {
        return new ChartOptions(axis, logY, smoothing, bestSoFar, width, height, maxPointsPerSeries,
                maxImagePoints, maxInteractivePoints, directions, formats);
    }

    public ChartOptions withLogY(boolean log) {
        return new ChartOptions(xAxis, log, smoothing, bestSoFar, width, height, maxPointsPerSeries,
                maxImagePoints, maxInteractivePoints, directions, formats);
    }

    public ChartOptions withSmoothing(double weight) {
        return new ChartOptions(xAxis, logY, weight, bestSoFar, width, height, maxPointsPerSeries,
                maxImagePoints, maxInteractivePoints, directions, formats);
    }

    public ChartOptions withBestSoFar(boolean best) {
        return new ChartOptions(xAxis, logY, smoothing, best, width, height, maxPointsPerSeries,
                maxImagePoints, maxInteractivePoints, directions, formats);
    }

    public ChartOptions withSize(int w, int h) {
        return new ChartOptions(xAxis, logY, smoothing, bestSoFar, w, h, maxPointsPerSeries,
                maxImagePoints, maxInteractivePoints, directions, formats);
    }

    public ChartOptions withMaxPoints(int perSeries, int perImage, int interactive) {
        return new ChartOptions(xAxis, logY, smoothing, bestSoFar, width, height, perSeries, perImage, interactive,
                directions, formats);
    }

    /** The points each of {@code curves} curves of one image may keep. */
    int imagePointsPerCurve(int curves) {
        int share = maxImagePoints / Math.max(1, curves);
        return Math.min(maxPointsPerSeries, Math.max(MIN_POINTS_PER_CURVE, share));
    }

    public ChartOptions withDirection(String metricKey, MetricDirection direction) {
        Map<String, MetricDirection> copy = new LinkedHashMap<>(directions);
        copy.put(metricKey, direction);
        return new ChartOptions(xAxis, logY, smoothing, bestSoFar, width, height, maxPointsPerSeries,
                maxImagePoints, maxInteractivePoints, copy, formats);
    }

    public ChartOptions withFormats(Set<ChartFormat> chosen) {
        return new ChartOptions(xAxis, logY, smoothing, bestSoFar, width, height, maxPointsPerSeries,
                maxImagePoints, maxInteractivePoints, directions, chosen);
    }

    MetricDirection direction(String metricKey) {
        return MetricDirection.of(metricKey, directions);
    }
}
