package org.labbook.tracking.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.labbook.tracking.MetricPoint;

class DownsamplerTest {

    private static List<MetricPoint> run(double[] values, int chunkSize, int maxPoints) {
        Downsampler downsampler = new Downsampler("k", values.length, maxPoints);
        for (int from = 0; from < values.length; from += chunkSize) {
            int n = Math.min(chunkSize, values.length - from);
            long[] steps = new long[n];
            long[] times = new long[n];
            double[] vs = new double[n];
            for (int i = 0; i < n; i++) {
                steps[i] = from + i;
                times[i] = 1000L + from + i;
                vs[i] = values[from + i];
            }
            downsampler.accept(ChunkCodec.decode(ChunkCodec.encode(steps, times, vs, 0, n)));
        }
        return downsampler.result();
    }

    @Test
    void fewerPointsThanTheLimitComeBackUnchanged() {
        List<MetricPoint> points = run(new double[] {3, 1, 2}, 2, 10);
        assertThat(points).extracting(MetricPoint::value).containsExactly(3.0, 1.0, 2.0);
        assertThat(points).extracting(MetricPoint::timestamp).containsExactly(1000L, 1001L, 1002L);
    }

    @Test
    void spikesSurviveAndTheLimitHolds() {
        double[] values = new double[100_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.sin(i / 500.0);
        }
        values[12_345] = 99;
        values[54_321] = -99;
        List<MetricPoint> points = run(values, 4096, 1000);
        assertThat(points.size()).isLessThanOrEqualTo(1000).isGreaterThan(900);
        assertThat(points).extracting(MetricPoint::value).contains(99.0, -99.0);
        assertThat(points.get(0).step()).isZero();
        assertThat(points.get(points.size() - 1).step()).isEqualTo(99_999);
        assertThat(points).extracting(MetricPoint::step).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aRunOfNaNStaysVisible() {
        double[] values = new double[10_000];
        for (int i = 5000; i < 5100; i++) {
            values[i] = Double.NaN;
        }
        List<MetricPoint> points = run(values, 1000, 1000);
        assertThat(points).anySatisfy(p -> assertThat(p.value()).isNaN());
    }

    @Test
    void tinyLimitsKeepTheEnds() {
        double[] values = new double[50];
        List<MetricPoint> one = run(values, 7, 1);
        assertThat(one).extracting(MetricPoint::step).containsExactly(0L);
        List<MetricPoint> two = run(values, 7, 2);
        assertThat(two).extracting(MetricPoint::step).containsExactly(0L, 49L);
        List<MetricPoint> three = run(values, 7, 3);
        assertThat(three.size()).isLessThanOrEqualTo(3);
    }

    @Test
    void chunksRoundTripEveryBit() {
        long[] steps = {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE};
        long[] times = {1, 2, 3, 4};
        double[] values = {Double.NaN, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE};
        ChunkCodec.Chunk chunk = ChunkCodec.decode(ChunkCodec.encode(steps, times, values, 0, 4));
        List<Long> bits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            assertThat(chunk.step(i)).isEqualTo(steps[i]);
            assertThat(chunk.timestamp(i)).isEqualTo(times[i]);
            bits.add(Double.doubleToRawLongBits(chunk.value(i)));
        }
        assertThat(bits).containsExactly(Double.doubleToRawLongBits(Double.NaN), Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY),
                Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Double.MIN_VALUE));
    }
}
