package org.labbook.tracking.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.labbook.tracking.ValidationException;

/**
 * Every combination, in order: proposal {@code k} is the {@code k}-th point of the product of the
 * dimensions' values, the last dimension changing fastest.
 */
final class GridSampler implements Sampler {
    /** Beyond this many points a grid is a mistake, not a search. */
    static final long MAX_POINTS = 10_000_000L;

    private final int floatPoints;

    GridSampler(int floatPoints) {
        this.floatPoints = floatPoints;
    }

    /** How many points the grid over {@code space} has; refuses a float range without a point count. */
    static long size(Space space, int floatPoints) {
        long size = 1;
        for (Dimension d : space.dimensions()) {
            long n = count(d, floatPoints);
            if (size > MAX_POINTS / n) {
                throw new ValidationException("Invalid strategy grid: the grid over this space has more than "
                        + MAX_POINTS + " points. Narrow the ranges, or use random or tpe.");
            }
            size *= n;
        }
        return size;
    }

    private static long count(Dimension d, int floatPoints) {
        if (d instanceof Dimension.FloatRange f) {
            if (floatPoints == 0) {
                throw new ValidationException("Invalid strategy grid: the float parameter '" + f.name() + "' has no"
                        + " points to enumerate. Write grid(N) to put N points on each float range, e.g. grid(5).");
            }
            return f.low() == f.high() ? 1 : floatPoints;
        }
        if (d instanceof Dimension.IntRange i) {
            long n = i.high() - i.low() + 1;
            if (n <= 0 || n > MAX_POINTS) {
                throw new ValidationException("Invalid strategy grid: the int parameter '" + i.name() + "' has more than "
                        + MAX_POINTS + " values. Narrow it, or use random or tpe.");
            }
            return n;
        }
        return ((Dimension.Choice) d).values().size();
    }

    @Override
    public Map<String, Object> suggest(Space space, int proposal, List<Observation> finished, SplittableRandom random) {
        List<Dimension> dims = space.dimensions();
        long[] index = new long[dims.size()];
        long rest = proposal;
        for (int k = dims.size() - 1; k >= 0; k--) {
            long n = count(dims.get(k), floatPoints);
            index[k] = rest % n;
            rest /= n;
        }
        Map<String, Object> config = new LinkedHashMap<>();
        for (int k = 0; k < dims.size(); k++) {
            config.put(dims.get(k).name(), value(dims.get(k), index[k]));
        }
        return config;
    }

    private Object value(Dimension d, long index) {
        if (d instanceof Dimension.FloatRange f) {
            if (f.low() == f.high() || floatPoints == 1) {
                return f.low() == f.high() ? f.low()
                        : f.log() ? Math.sqrt(f.low() * f.high()) : (f.low() + f.high()) / 2;
            }
            double t = (double) index / (floatPoints - 1);
            if (f.log()) {
                double x = Math.exp(Math.log(f.low()) + t * (Math.log(f.high()) - Math.log(f.low())));
                return index == floatPoints - 1 ? f.high() : index == 0 ? f.low() : x;
            }
            return index == floatPoints - 1 ? f.high() : f.low() + t * (f.high() - f.low());
        }
        if (d instanceof Dimension.IntRange i) {
            return i.low() + index;
        }
        return ((Dimension.Choice) d).values().get((int) index);
    }
}
