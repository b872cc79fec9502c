package org.labbook.tracking.sweep;

import org.labbook.tracking.ValidationException;

/**
 * How a sweep proposes configurations: {@link #grid()} enumerates every combination of choices and
 * integer values ({@link #grid(int)} also puts that many points on each float range), {@link #random()}
 * draws them at random, {@link #tpe()} draws them with a Tree-structured Parzen Estimator that learns
 * from the finished trials. Random and TPE are seeded by the sweep's seed: the same seed and the same
 * finished trials give the same proposals.
 *
 * @param gridPoints for grid: points per float range, 0 when the space has none
 */
public record Strategy(Kind kind, int gridPoints) {
    public enum Kind { GRID, RANDOM, TPE }

    public Strategy {
        if (kind == null) {
            throw new ValidationException("Invalid strategy: it is missing. Use grid, random or tpe.");
        }
        if (gridPoints < 0 || gridPoints > 10_000 || (kind != Kind.GRID && gridPoints != 0)) {
            throw new ValidationException("Invalid strategy grid(" + gridPoints + "): a grid puts 1 to 10000 points"
                    + " on each float range. Write e.g. grid(5).");
        }
    }

    public static Strategy grid() {
        return new Strategy(Kind.GRID, 0);
    }

    public static Strategy grid(int pointsPerFloatRange) {
        if (pointsPerFloatRange < 1) {
            throw new ValidationException("Invalid strategy grid(" + pointsPerFloatRange + "): a grid puts 1 to 10000"
                    + " points on each float range. Write e.g. grid(5).");
        }
        return new Strategy(Kind.GRID, pointsPerFloatRange);
    }

    public static Strategy random() {
        return new Strategy(Kind.RANDOM, 0);
    }

    public static Strategy tpe() {
        return new Strategy(Kind.TPE, 0);
    }

    /** Reads {@code grid}, {@code grid(5)}, {@code random} or {@code tpe}, as {@link #toString()} writes them. */
    public static Strategy parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.equals("grid")) {
            return grid();
        }
        if (t.matches("grid\\(\\s*\\d{1,5}\\s*\\)")) {
            return grid(Integer.parseInt(t.substring(5, t.length() - 1).strip()));
        }
        if (t.equals("random")) {
            return random();
        }
        if (t.equals("tpe")) {
            return tpe();
        }
        throw new ValidationException("Invalid strategy '" + t + "': use grid, grid(N) with N points per float range,"
                + " random or tpe.");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case GRID -> gridPoints == 0 ? "grid" : "grid(" + gridPoints + ")";
            case RANDOM -> "random";
            case TPE -> "tpe";
        };
    }
}
