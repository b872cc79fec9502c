package org.labbook.extension.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class TransformsTest {
    @Test
    void emaIsBiasCorrectedSoTheFirstPointIsKept() {
        double[] smoothed = Transforms.ema(new double[] {10, 10, 10}, 0.9);

        assertThat(smoothed).containsExactly(new double[] {10, 10, 10}, Offset.offset(1e-9));
    }

    @Test
    void emaFollowsAStepSlowly() {
        double[] smoothed = Transforms.ema(new double[] {0, 0, 10}, 0.5);

        assertThat(smoothed[2]).isBetween(4.0, 6.0);
    }

    @Test
    void emaLeavesNaNInPlaceWithoutPoisoningLaterPoints() {
        double[] smoothed = Transforms.ema(new double[] {1, Double.NaN, 1}, 0.5);

        assertThat(smoothed[1]).isNaN();
        assertThat(smoothed[2]).isEqualTo(1.0, Offset.offset(1e-9));
    }

    @Test
    void capKeepsEachBucketsMinimumAndMaximumInStepOrder() {
        double[] values = new double[1000];
        long[] steps = new long[1000];
        for (int i = 0; i < 1000; i++) {
            steps[i] = i;
            values[i] = 1;
        }
        values[10] = -7;
        values[500] = 99;
        Series capped = Transforms.capPoints(new Series("r", "m", steps, new long[1000], values), 100);

        assertThat(capped.size()).isLessThanOrEqualTo(100);
        assertThat(capped.values()).contains(-7.0, 99.0);
        for (int i = 1; i < capped.size(); i++) {
            assertThat(capped.steps()[i]).isGreaterThan(capped.steps()[i - 1]);
        }
    }

    @Test
    void seriesUnderTheCapIsReturnedAsIs() {
        Series s = Fixtures.loss("r", 10, 1);

        assertThat(Transforms.capPoints(s, 100)).isSameAs(s);
    }
}
