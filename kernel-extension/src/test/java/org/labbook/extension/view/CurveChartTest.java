package org.labbook.extension.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labbook.kernel.api.MimeBundle;
import org.w3c.dom.Document;

class CurveChartTest {

    private static List<Series> twoRuns() {
        return List.of(Fixtures.loss("run-a", 200, 1.0), Fixtures.loss("run-b", 150, 2.0));
    }

    @Test
    void pngHasTheAskedSizeAndIsNotBlank() throws Exception {
        ChartView chart = CurveChart.of(twoRuns(), ChartOptions.defaults().withSize(640, 360));

        BufferedImage image = Images.decodePng(chart.png());

        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(360);
        assertThat(Images.greyVariance(image)).isGreaterThan(100);
    }

    @Test
    void eachRunIsDrawnInItsOwnPaletteColour() throws Exception {
        BufferedImage image = Images.decodePng(CurveChart.of(twoRuns(), ChartOptions.defaults()).png());

        assertThat(Images.pixelsNear(image, ChartStyle.PALETTE[0].getRGB(), 30)).isGreaterThan(100);
        assertThat(Images.pixelsNear(image, ChartStyle.PALETTE[1].getRGB(), 30)).isGreaterThan(100);
    }

    @Test
    void svgParsesWithTheChartSizeAndStrokesInEachRunsColour() throws Exception {
        String svg = CurveChart.of(twoRuns(), ChartOptions.defaults()).svg();

        Document document = Images.parseXml(svg);

        assertThat(document.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(document.getDocumentElement().getAttribute("viewBox")).isEqualTo("0 0 720 400");
        // Text is drawn as outlines, so the runs show up as strokes in their palette colours.
        assertThat(svg).contains("stroke:rgb(78,121,167)").contains("stroke:rgb(242,142,43)");
        assertThat(document.getElementsByTagNameNS("http://www.w3.org/2000/svg", "line").getLength()).isGreaterThan(300);
    }

    @Test
    void vegaLiteSpecCarriesEveryPointWithRunStepAndValue() {
        ChartView chart = CurveChart.of(twoRuns(), ChartOptions.defaults());
        Map<String, Object> spec = chart.vegaLite();

        assertThat(spec.get("$schema")).isEqualTo("https://vega.github.io/schema/vega-lite/v5.json");
        List<Map<String, Object>> values = values(spec);
        assertThat(values).hasSize(350);
        assertThat(values.get(0)).containsEntry("run", "run-a").containsEntry("step", 0L);
        assertThat((Double) values.get(0).get("value")).isEqualTo(1.05, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(values.stream().filter(v -> "run-b".equals(v.get("run")))).hasSize(150);
        @SuppressWarnings("unchecked") Map<String, Object> encoding = (Map<String, Object>) spec.get("encoding");
        assertThat(encoding.keySet()).contains("x", "y", "color", "tooltip");
        assertThat(encoding.get("tooltip").toString()).contains("field=run").contains("field=step").contains("field=value");
    }

    @Test
    void bundleHasPngVegaLiteAndTextButSvgOnlyWhenAsked() throws Exception {
        MimeBundle plain = CurveChart.of(twoRuns(), ChartOptions.defaults()).toMimeBundle();
        MimeBundle withSvg = CurveChart.of(twoRuns(), ChartOptions.defaults()
                .withFormats(EnumSet.allOf(ChartFormat.class))).toMimeBundle();

        assertThat(plain.data()).containsOnlyKeys("image/png", "application/vnd.vegalite.v5+json", "text/plain");
        assertThat(Images.decodeBase64Png(plain.data().get("image/png")).getWidth()).isEqualTo(720);
        assertThat(withSvg.data()).containsKey("image/svg+xml");
        assertThat(plain.plainText()).isEqualTo("Chart: loss \u2014 2 curves, 350 points");
    }

    @Test
    void logScaleDropsPointsItCannotDrawAndStillRenders() throws Exception {
        Series withZero = new Series("r", "loss", new long[] {0, 1, 2, 3}, new long[4],
                new double[] {0, 1, Double.NaN, 0.1});
        ChartView chart = CurveChart.of(List.of(withZero), ChartOptions.defaults().withLogY(true));

        assertThat(chart.title()).isEqualTo("loss (log scale)");
        assertThat(values(chart.vegaLite())).extracting(v -> v.get("step")).containsExactly(1L, 3L);
        assertThat(Images.greyVariance(Images.decodePng(chart.png()))).isGreaterThan(10);
        assertThat(((Map<?, ?>) ((Map<?, ?>) chart.vegaLite().get("encoding")).get("y")).get("scale"))
                .isEqualTo(Map.of("type", "log"));
    }

    @Test
    void bestSoFarDrawsTheRunningMinimumOfALoss() {
        Series bumpy = new Series("r", "loss", new long[] {0, 1, 2, 3}, new long[4], new double[] {3, 1, 2, 0.5});
        ChartView chart = CurveChart.of(List.of(bumpy), ChartOptions.defaults().withBestSoFar(true));

        assertThat(values(chart.vegaLite())).extracting(v -> v.get("value")).containsExactly(3.0, 1.0, 1.0, 0.5);
    }

    @Test
    void relativeTimeAxisCountsSecondsFromEachRunsFirstPoint() {
        ChartView chart = CurveChart.of(twoRuns(), ChartOptions.defaults().withXAxis(XAxis.RELATIVE_TIME));

        assertThat(values(chart.vegaLite()).get(3)).containsEntry("seconds", 3.0);
    }

    @Test
    void wallTimeAxisRendersDates() throws Exception {
        ChartView chart = CurveChart.of(twoRuns(), ChartOptions.defaults().withXAxis(XAxis.WALL_TIME));

        assertThat(Images.greyVariance(Images.decodePng(chart.png()))).isGreaterThan(100);
        assertThat(((Map<?, ?>) ((Map<?, ?>) chart.vegaLite().get("encoding")).get("x")).get("type")).isEqualTo("temporal");
    }

    @Test
    void tooManyPointsAreReducedKeepingTheSpike() {
        Series spiky = Fixtures.loss("r", 100_000, 1.0);
        spiky.values()[54_321] = 500;
        ChartView chart = CurveChart.of(List.of(spiky), ChartOptions.defaults().withMaxPoints(1_000, 30_000, 1_000));

        List<Map<String, Object>> values = values(chart.vegaLite());
        assertThat(values.size()).isLessThanOrEqualTo(1_000);
        assertThat(values).anySatisfy(v -> assertThat(v).containsEntry("step", 54_321L).containsEntry("value", 500.0));
    }

    @Test
    void hundredRunsHideTheLegendInTheImageButNameEveryRunInTheSpec() {
        List<Series> many = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(Fixtures.loss("run-" + i, 50, 1 + i / 100.0));
        }
        ChartView chart = CurveChart.of(many, ChartOptions.defaults());

        assertThat(chart.xchart().getStyler().isLegendVisible()).isFalse();
        assertThat(values(chart.vegaLite()).stream().map(v -> v.get("run")).distinct()).hasSize(100);
    }

    @Test
    void duplicateRunLabelsStaySeparateCurves() {
        ChartView chart = CurveChart.of(List.of(Fixtures.loss("same", 10, 1), Fixtures.loss("same", 10, 2)),
                ChartOptions.defaults());

        assertThat(values(chart.vegaLite()).stream().map(v -> v.get("run")).distinct())
                .containsExactly("same", "same (2)");
    }

    @Test
    void noDrawablePointsStillGivesAnImageAndSaysWhy() throws Exception {
        Series nan = new Series("r", "loss", new long[] {0}, new long[1], new double[] {Double.NaN});
        ChartView chart = CurveChart.of(List.of(nan), ChartOptions.defaults());

        assertThat(Images.decodePng(chart.png()).getWidth()).isEqualTo(720);
        assertThat(chart.description()).contains("0 curves").contains("1 of 1 without drawable points");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> values(Map<String, Object> spec) {
        return (List<Map<String, Object>>) ((Map<String, Object>) spec.get("data")).get("values");
    }
}
