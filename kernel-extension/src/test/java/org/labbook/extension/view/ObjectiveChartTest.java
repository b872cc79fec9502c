package org.labbook.extension.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A sweep's objective over trials: every completed trial as a point, and the best so far beside it. */
class ObjectiveChartTest {

    @Test
    @SuppressWarnings("unchecked")
    void bestSoFarFollowsTheObjectivesDirection() {
        int[] numbers = {0, 1, 3, 4, 7};
        double[] values = {0.9, 0.5, 0.7, 0.2, 0.4};
        ChartView minimized = ObjectiveChart.of("loss", true, numbers, values, ChartOptions.defaults());
        List<Object> rows = (List<Object>) ((Map<?, ?>) minimized.vegaLite().get("data")).get("values");
        assertThat(rows).extracting(r -> (Object) ((Map<?, ?>) r).get("best")).containsExactly(0.9, 0.5, 0.5, 0.2, 0.2);
        assertThat(minimized.description()).isEqualTo("Chart: loss over trials \u2014 5 trials, best 0.2");

        ChartView maximized = ObjectiveChart.of("acc", false, numbers, values, ChartOptions.defaults());
        List<Object> accRows = (List<Object>) ((Map<?, ?>) maximized.vegaLite().get("data")).get("values");
        assertThat(accRows).extracting(r -> (Object) ((Map<?, ?>) r).get("best")).containsExactly(0.9, 0.9, 0.9, 0.9, 0.9);
        assertThat(accRows).extracting(r -> (Object) ((Map<?, ?>) r).get("trial")).containsExactly(0, 1, 3, 4, 7);
    }

    @Test
    void drawsAPngAlsoBeforeAnyTrialCompleted() throws Exception {
        BufferedImage image = Images.decodePng(ObjectiveChart.of("loss", true, new int[0], new double[0],
                ChartOptions.defaults()).png());
        assertThat(image.getWidth()).isGreaterThan(100);
        assertThat(ObjectiveChart.of("loss", true, new int[0], new double[0], ChartOptions.defaults()).description())
                .isEqualTo("Chart: loss over trials \u2014 0 trials");
    }
}
