package org.labbook.extension.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricDirectionTest {
    @Test
    void lossAndErrorNamesAreMinimisedOthersMaximised() {
        assertThat(MetricDirection.guess("val_loss")).isEqualTo(MetricDirection.MINIMIZE);
        assertThat(MetricDirection.guess("train/mse")).isEqualTo(MetricDirection.MINIMIZE);
        assertThat(MetricDirection.guess("valLoss")).isEqualTo(MetricDirection.MINIMIZE);
        assertThat(MetricDirection.guess("test-err")).isEqualTo(MetricDirection.MINIMIZE);
        assertThat(MetricDirection.guess("rmse")).isEqualTo(MetricDirection.MINIMIZE);
        assertThat(MetricDirection.guess("accuracy")).isEqualTo(MetricDirection.MAXIMIZE);
        assertThat(MetricDirection.guess("f1")).isEqualTo(MetricDirection.MAXIMIZE);
    }

    @Test
    void anOverrideWinsOverTheGuess() {
        assertThat(MetricDirection.of("loss", Map.of("loss", MetricDirection.MAXIMIZE)))
                .isEqualTo(MetricDirection.MAXIMIZE);
    }

    @Test
    void nanIsNeverBetter() {
        assertThat(MetricDirection.MINIMIZE.isBetter(Double.NaN, 1)).isFalse();
        assertThat(MetricDirection.MINIMIZE.isBetter(5, Double.NaN)).isTrue();
        assertThat(MetricDirection.MAXIMIZE.isBetter(2, 1)).isTrue();
    }

    @Test
    void unknownDirectionTextNamesTheChoices() {
        assertThatThrownBy(() -> MetricDirection.parse("down")).hasMessage("Invalid metric direction 'down'. Use min or max.");
    }
}
