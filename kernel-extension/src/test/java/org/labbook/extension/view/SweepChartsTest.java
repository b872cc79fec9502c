package org.labbook.extension.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labbook.tracking.RunStatus;

class SweepChartsTest {

    private static List<RunRow> sweep() {
        List<RunRow> runs = new ArrayList<>();
        String[] optimizers = {"adam", "sgd"};
        for (int i = 0; i < 6; i++) {
            double lr = Math.pow(10, -1 - i % 3);
            runs.add(Fixtures.run("id" + i, "run-" + i, RunStatus.FINISHED,
                    Map.of("lr", Double.toString(lr), "optimizer", optimizers[i % 2]), 0.1 + i * 0.05, 0.9 - i * 0.02));
        }
        return runs;
    }

    @Test
    void parallelCoordinatesDrawsALinePerRunAndAnAxisPerParamAndTheMetric() throws Exception {
        ChartView chart = ParallelCoordinatesChart.of(sweep(), List.of("lr", "optimizer"), "loss", ChartOptions.defaults());

        BufferedImage image = Images.decodePng(chart.png());
        assertThat(image.getWidth()).isEqualTo(720);
        assertThat(Images.greyVariance(image)).isGreaterThan(100);
        List<Map<String, Object>> values = CurveChartTest.values(chart.vegaLite());
        assertThat(values).hasSize(6 * 3);
        assertThat(values.stream().map(v -> v.get("axis")).distinct()).containsExactly("lr", "optimizer", "loss");
        assertThat(values).anySatisfy(v -> assertThat(v).containsEntry("run", "run-1").containsEntry("axis", "optimizer")
                .containsEntry("value", "sgd").containsEntry("position", 1.0));
        assertThat(chart.description()).isEqualTo("Chart: params \u2192 loss \u2014 6 runs over 2 params");
    }

    @Test
    void parallelCoordinatesPutsTheBestLossAtTheBottomOfItsAxis() {
        ChartView chart = ParallelCoordinatesChart.of(sweep(), List.of("lr"), "loss", ChartOptions.defaults());

        assertThat(CurveChartTest.values(chart.vegaLite())).anySatisfy(v -> assertThat(v)
                .containsEntry("run", "run-0").containsEntry("axis", "loss").containsEntry("position", 0.0));
    }

    @Test
    void scatterHasAPointPerRunWithParamAndMetric() throws Exception {
        ChartView chart = ParamScatterChart.of(sweep(), "lr", "accuracy", ChartOptions.defaults().withLogY(false));

        assertThat(Images.greyVariance(Images.decodePng(chart.png()))).isGreaterThan(100);
        List<Map<String, Object>> values = CurveChartTest.values(chart.vegaLite());
        assertThat(values).hasSize(6);
        assertThat(values.get(0)).containsEntry("run", "run-0").containsEntry("lr", 0.1).containsEntry("accuracy", 0.9);
    }

    @Test
    void scatterOfACategoricalParamUsesItsValuesAsCategories() throws Exception {
        ChartView chart = ParamScatterChart.of(sweep(), "optimizer", "loss", ChartOptions.defaults());

        assertThat(CurveChartTest.values(chart.vegaLite()).get(1)).containsEntry("optimizer", "sgd");
        assertThat(chart.vegaLite().get("encoding").toString()).contains("type=nominal");
        assertThat(Images.decodePng(chart.png()).getHeight()).isEqualTo(400);
    }

    @Test
    void dottedNamesAreEscapedInFieldReferencesOnly() {
        List<RunRow> runs = List.of(Fixtures.run("a", "a", RunStatus.FINISHED, Map.of("opt.lr", "0.1"), 1, 1),
                Fixtures.run("b", "b", RunStatus.FINISHED, Map.of("opt.lr", "0.2"), 2, 2));
        ChartView chart = ParamScatterChart.of(runs, "opt.lr", "loss", ChartOptions.defaults());

        assertThat(CurveChartTest.values(chart.vegaLite()).get(0)).containsKey("opt.lr");
        assertThat(((Map<?, ?>) ((Map<?, ?>) chart.vegaLite().get("encoding")).get("x")).get("field")).isEqualTo("opt\\.lr");
    }
}
