package org.labbook.extension.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class NumbersTest {
    @Test
    void integersGetThousandSeparators() {
        assertThat(Numbers.format(1234567.0)).isEqualTo("1,234,567");
        assertThat(Numbers.format(-1000.0)).isEqualTo("-1,000");
        assertThat(Numbers.format(0.0)).isEqualTo("0");
    }

    @Test
    void fractionsKeepFourSignificantDigits() {
        assertThat(Numbers.format(Math.PI)).isEqualTo("3.142");
        assertThat(Numbers.format(0.123456)).isEqualTo("0.1235");
        assertThat(Numbers.format(12345.678)).isEqualTo("12,350");
        assertThat(Numbers.format(0.5)).isEqualTo("0.5");
    }

    @Test
    void extremeMagnitudesAreScientific() {
        assertThat(Numbers.format(1.23456e-7)).isEqualTo("1.235e-07");
        assertThat(Numbers.format(9.87654e9 + 0.5)).isEqualTo("9.877e+09");
    }

    @Test
    void nanAndInfinitiesAreNamed() {
        assertThat(Numbers.format(Double.NaN)).isEqualTo("NaN");
        assertThat(Numbers.format(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(Numbers.format(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    }

    @Test
    void durationsReadLikeAClock() {
        assertThat(Numbers.format(Duration.ofMillis(850))).isEqualTo("850ms");
        assertThat(Numbers.format(Duration.ofSeconds(185))).isEqualTo("3m 05s");
        assertThat(Numbers.format(Duration.ofMinutes(130))).isEqualTo("2h 10m");
        assertThat(Numbers.format(Duration.ofHours(76))).isEqualTo("3d 4h");
    }
}
