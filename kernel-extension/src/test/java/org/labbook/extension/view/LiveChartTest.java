package org.labbook.extension.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LiveChartTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-redraws");
        t.setDaemon(true);
        return t;
    });
    private final RecordingSink sink = new RecordingSink();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    private LiveChart open(String... metrics) {
        return LiveChart.open(sink, "run-1", List.of(metrics), ChartOptions.defaults(), scheduler);
    }

    @Test
    void openingShowsAFirstFrameAtOnce() throws Exception {
        LiveChart chart = open("loss");

        assertThat(sink.frames()).hasSize(1);
        RecordingSink.Frame first = sink.frames().get(0);
        assertThat(first.update()).isFalse();
        assertThat(first.displayId()).isEqualTo(chart.displayId());
        assertThat(Images.decodeBase64Png(first.bundle().data().get("image/png")).getWidth()).isEqualTo(720);
    }

    @Test
    void aRedrawUpdatesTheSameDisplayWithAnImageOfThePointsSoFar() throws Exception {
        LiveChart chart = open("loss");
        for (int i = 0; i < 1000; i++) {
            chart.record("loss", i, 1.0 / (i + 1));
        }

        chart.redrawIfChanged();

        RecordingSink.Frame frame = sink.last();
        assertThat(frame.update()).isTrue();
        assertThat(frame.displayId()).isEqualTo(chart.displayId());
        assertThat(frame.bundle().data()).containsOnlyKeys("image/png", "text/plain");
        assertThat(frame.bundle().plainText()).contains("1 curve, 1,000 points");
        assertThat(Images.greyVariance(Images.decodeBase64Png(frame.bundle().data().get("image/png")))).isGreaterThan(100);
    }

    @Test
    void nothingIsRedrawnWhenNoPointArrived() {
        LiveChart chart = open("loss");
        chart.record("loss", 0, 1);
        chart.redrawIfChanged();
        int frames = chart.frames();

        chart.redrawIfChanged();

        assertThat(chart.frames()).isEqualTo(frames);
    }

    @Test
    void finishingDrawsAFinalFrameWithTheInteractiveSpecOnce() {
        LiveChart chart = open("loss", "accuracy");
        for (int i = 0; i < 10; i++) {
            chart.record("loss", i, 1.0 / (i + 1));
            chart.record("accuracy", i, i / 10.0);
        }

        chart.finish();
        chart.finish();
        chart.redrawIfChanged();

        assertThat(sink.frames()).hasSize(2);
        Map<String, Object> data = sink.last().bundle().data();
        assertThat(data).containsKeys("image/png", "application/vnd.vegalite.v5+json");
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) data.get("application/vnd.vegalite.v5+json");
        List<Map<String, Object>> values = CurveChartTest.values(spec);
        assertThat(values).hasSize(20);
        assertThat(values).anySatisfy(v -> assertThat(v).containsEntry("run", "run-1 \u00b7 accuracy")
                .containsEntry("step", 9L).containsEntry("value", 0.9));
        assertThat(chart.isFinished()).isTrue();
    }

    @Test
    void metricsTheChartWasNotOpenedWithAreIgnored() {
        LiveChart chart = open("loss");

        chart.record("lr", 0, 0.1);
        chart.record("loss", 0, 0.5);

        assertThat(chart.points()).isEqualTo(1);
    }

    @Test
    void aMillionPointsAreDrawnFromAtMostTheCapKeepingTheSpike() {
        LivePoints points = new LivePoints("loss");
        for (int i = 0; i < 1_000_000; i++) {
            points.add(i, i == 777_777 ? 1e6 : 1.0);
        }

        Series drawn = points.snapshot("r", 2_000);

        assertThat(points.size()).isEqualTo(1_000_000);
        assertThat(drawn.size()).isLessThanOrEqualTo(2_000);
        assertThat(drawn.values()).contains(1e6);
        assertThat(drawn.steps()).contains(777_777L);
    }

    @Test
    void theSchedulerRedrawsOnItsOwnThreadWhileTheLoopRecords() throws Exception {
        LiveChart chart = open("loss");
        for (int i = 0; i < 100_000; i++) {
            chart.record("loss", i, Math.sin(i / 1000.0));
        }

        sink.awaitFrames(2);
        chart.finish();

        List<RecordingSink.Frame> frames = sink.frames();
        assertThat(frames.size()).isGreaterThanOrEqualTo(3);
        assertThat(frames.subList(1, frames.size() - 1)).allSatisfy(f -> assertThat(f.thread()).isEqualTo("test-redraws"));
        assertThat(frames.get(frames.size() - 1).bundle().plainText()).contains("1 curve");
    }

    @Test
    void keptPointsStayBoundedWhileEveryBucketKeepsItsExtremes() {
        LivePoints points = new LivePoints("loss");
        for (int i = 0; i < 10_000; i++) {
            points.add(i, i % 1000 == 500 ? -1 : i);
        }

        Series kept = points.snapshot("r", 100_000);

        assertThat(kept.size()).isLessThanOrEqualTo(2 * LivePoints.BUCKETS);
        assertThat(java.util.Arrays.stream(kept.values()).filter(v -> v == -1).count()).isEqualTo(10);
        assertThat(kept.steps()[0]).isZero();
        assertThat(kept.steps()[kept.size() - 1]).isEqualTo(9_999);
        for (int i = 1; i < kept.size(); i++) {
            assertThat(kept.steps()[i]).isGreaterThan(kept.steps()[i - 1]);
        }
    }

    @Test
    void nanNeverHidesARealValueInABucket() {
        LivePoints points = new LivePoints("loss");
        for (int i = 0; i < 4 * LivePoints.BUCKETS; i++) {
            points.add(i, i % 4 == 0 ? Double.NaN : 1.0);
        }

        assertThat(points.snapshot("r", 100_000).values()).containsOnly(1.0);
    }

    @Test
    void finishAllEndsEveryChartOfTheCell() {
        LiveCharts charts = new LiveCharts(sink, ChartOptions.defaults());
        LiveChart a = charts.open(List.of("loss"));
        LiveChart b = charts.open(List.of("accuracy"));

        charts.finishAll();

        assertThat(a.isFinished()).isTrue();
        assertThat(b.isFinished()).isTrue();
        charts.close();
    }

    @Test
    void aChartWithoutMetricsIsRejectedWithAnExample() {
        assertThatThrownBy(() -> open()).hasMessageContaining("at least one metric, e.g. LiveChart.show(\"loss\")");
    }
}
