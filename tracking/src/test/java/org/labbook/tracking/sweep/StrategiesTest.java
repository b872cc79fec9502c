package org.labbook.tracking.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;
import org.labbook.tracking.ValidationException;

/** The strategies on their own, as a sequential sweep drives them: what they propose, and how well. */
class StrategiesTest {
    private static final Space BRANIN_SPACE = Space.of(Space.uniform("x1", -5, 10), Space.uniform("x2", 0, 15));
    private static final double BRANIN_MINIMUM = 0.397887;

    /** The Branin function: three global minima of 0.397887 in [-5, 10] x [0, 15]. */
    static double branin(Map<String, Object> c) {
        double x1 = (Double) c.get("x1");
        double x2 = (Double) c.get("x2");
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double cc = 5 / Math.PI;
        double t = 1 / (8 * Math.PI);
        return Math.pow(x2 - b * x1 * x1 + cc * x1 - 6, 2) + 10 * (1 - t) * Math.cos(x1) + 10;
    }

    /** Runs {@code trials} proposals one after the other and returns the best value found. */
    static double bestAfter(Sampler sampler, Space space, int trials, long seed, ToDoubleFunction<Map<String, Object>> f) {
        List<Sampler.Observation> finished = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < trials; i++) {
            Map<String, Object> config = sampler.suggest(space, i, finished,
                    new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i));
            double value = f.applyAsDouble(config);
            finished.add(new Sampler.Observation(i, config, value));
            best = Math.min(best, value);
        }
        return best;
    }

    @Test
    void gridEnumeratesExactlyTheProduct() {
        Space space = Space.of(Space.choice("batch", 16, 32, 64), Space.intRange("layers", 1, 4),
                Space.logUniform("lr", 1e-4, 1e-2));
        Strategy grid = Strategy.grid(3);
        long size = GridSampler.size(space, grid.gridPoints());
        assertThat(size).isEqualTo(3 * 4 * 3);
        Sampler sampler = Sampler.of(grid);
        Set<List<Object>> seen = new HashSet<>();
        for (int i = 0; i < size; i++) {
            Map<String, Object> c = sampler.suggest(space, i, List.of(), new SplittableRandom(i));
            seen.add(List.copyOf(c.values()));
        }
        Set<List<Object>> product = new HashSet<>();
        for (long batch : new long[] {16, 32, 64}) {
            for (long layers = 1; layers <= 4; layers++) {
                for (double lr : new double[] {1e-4, Math.exp((Math.log(1e-4) + Math.log(1e-2)) / 2), 1e-2}) {
                    product.add(List.of(batch, layers, lr));
                }
            }
        }
        assertThat(seen).hasSize((int) size).isEqualTo(product);
    }

    @Test
    void gridOverAFloatRangeNeedsAPointCount() {
        Space space = Space.of(Space.uniform("dropout", 0.1, 0.5));
        assertThatThrownBy(() -> Sweep.Definition.of("s", "e", space, Objective.minimize("loss"), Strategy.grid(), 10))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'dropout'").hasMessageContaining("grid(N)");
    }

    @Test
    void randomWithASeedProposesTheSameTrialsTwice() {
        Space space = Space.of(Space.logUniform("lr", 1e-5, 1e-1), Space.choice("batch", 16, 32, 64, 128),
                Space.uniform("dropout", 0.1, 0.5), Space.intRange("layers", 1, 4));
        List<Map<String, Object>> first = proposals(Strategy.random(), space, 7);
        List<Map<String, Object>> second = proposals(Strategy.random(), space, 7);
        List<Map<String, Object>> other = proposals(Strategy.random(), space, 8);
        assertThat(first).isEqualTo(second);
        assertThat(first).isNotEqualTo(other);
        for (Map<String, Object> c : first) {
            assertThat((Double) c.get("lr")).isBetween(1e-5, 1e-1);
            assertThat(c.get("batch")).isIn(16L, 32L, 64L, 128L);
            assertThat((Long) c.get("layers")).isBetween(1L, 4L);
        }
    }

    @Test
    void tpeWithASeedProposesTheSameTrialsTwice() {
        assertThat(proposals(Strategy.tpe(), BRANIN_SPACE, 3)).isEqualTo(proposals(Strategy.tpe(), BRANIN_SPACE, 3));
    }

    private static List<Map<String, Object>> proposals(Strategy strategy, Space space, long seed) {
        Sampler sampler = Sampler.of(strategy);
        List<Sampler.Observation> finished = new ArrayList<>();
        List<Map<String, Object>> result = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Map<String, Object> c = sampler.suggest(space, i, finished, new SplittableRandom(seed * 31 + i));
            result.add(c);
            finished.add(new Sampler.Observation(i, c, c.values().stream()
                    .mapToDouble(v -> v instanceof Number n ? n.doubleValue() : 0).sum()));
        }
        return result;
    }

    @Test
    void tpeBeatsRandomOnBraninAveragedOverTwentySeeds() {
        double tpe = 0;
        double random = 0;
        for (long seed = 1; seed <= 20; seed++) {
            tpe += bestAfter(Sampler.of(Strategy.tpe()), BRANIN_SPACE, 60, seed, StrategiesTest::branin);
            random += bestAfter(Sampler.of(Strategy.random()), BRANIN_SPACE, 60, seed, StrategiesTest::branin);
        }
        tpe /= 20;
        random /= 20;
        assertThat(tpe).as("TPE's mean best %s against random's %s", tpe, random).isLessThan(random);
        assertThat(tpe).isGreaterThanOrEqualTo(BRANIN_MINIMUM - 1e-6);
    }

    @Test
    void randomWithSixtyTrialsLandsInTheTopFivePercentOfASmoothSpaceInMostSeeds() {
        // The 5 % quantile of Branin over the square, from a fine grid.
        List<Double> values = new ArrayList<>();
        for (int i = 0; i <= 300; i++) {
            for (int j = 0; j <= 300; j++) {
                values.add(branin(Map.of("x1", -5 + 15.0 * i / 300, "x2", 15.0 * j / 300)));
            }
        }
        values.sort(Double::compare);
        double top5 = values.get(values.size() / 20);
        int hits = 0;
        for (long seed = 1; seed <= 20; seed++) {
            if (bestAfter(Sampler.of(Strategy.random()), BRANIN_SPACE, 60, seed, StrategiesTest::branin) <= top5) {
                hits++;
            }
        }
        assertThat(hits).as("seeds whose best is in the top 5 %%").isGreaterThanOrEqualTo(16);
    }

    @Test
    void tpeHandlesChoicesAndIntegersWithinTheirBounds() {
        Space space = Space.of(Space.choice("opt", "adam", "sgd", "rmsprop"), Space.intRange("layers", 1, 6),
                Space.logUniform("lr", 1e-5, 1e-1));
        // The best arm: adam, 3 layers, lr near 1e-3.
        ToDoubleFunction<Map<String, Object>> f = c -> (c.get("opt").equals("adam") ? 0 : 1)
                + Math.abs((Long) c.get("layers") - 3) + Math.abs(Math.log10((Double) c.get("lr")) + 3);
        Sampler tpe = Sampler.of(Strategy.tpe());
        List<Sampler.Observation> finished = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Map<String, Object> c = tpe.suggest(space, i, finished, new SplittableRandom(i));
            assertThat(c.get("opt")).isIn("adam", "sgd", "rmsprop");
            assertThat((Long) c.get("layers")).isBetween(1L, 6L);
            assertThat((Double) c.get("lr")).isBetween(1e-5, 1e-1);
            finished.add(new Sampler.Observation(i, c, f.applyAsDouble(c)));
        }
        // The last 20 proposals favour the best arm over the other choices.
        long adam = finished.subList(40, 60).stream().filter(o -> o.config().get("opt").equals("adam")).count();
        assertThat(adam).isGreaterThan(20 / 3);
    }
}
