package org.labbook.magics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextOutputTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0.0, 0", "42.0, 42", "-3.0, -3", "0.25, 0.25", "0.123456789, 0.123457", "1234.56789, 1234.57",
            "0.00001234, 1.234e-05", "1.5e12, 1500000000000", "NaN, nan", "Infinity, inf", "-Infinity, -inf"})
    void numbersShowSixSignificantDigitsWithoutNoise(double value, String expected) {
        assertThat(Formats.number(value)).isEqualTo(expected);
    }

    @Test
    void durationsReadLikeAStopwatch() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(Formats.duration(start, start.plusMillis(12_340))).isEqualTo("12.3s");
        assertThat(Formats.duration(start, start.plusSeconds(185))).isEqualTo("3m 05s");
        assertThat(Formats.duration(start, start.plusSeconds(3_720))).isEqualTo("1h 02m");
        assertThat(Formats.duration(start, null)).isEmpty();
    }

    @Test
    void tableAlignsNumbersRightAndTextLeftAndCutsLongCells() {
        String table = new TextTable(List.of("run", "loss"))
                .row(List.of("a", "0.5"))
                .row(List.of("long-name-" + "x".repeat(50), "12"))
                .render();
        List<String> lines = table.lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("run").endsWith("loss");
        assertThat(lines.get(2)).startsWith("a ").endsWith(" 0.5");
        assertThat(lines.get(3)).contains("...").endsWith("  12");
        assertThat(lines.get(3).indexOf("...")).isEqualTo(37);
    }

    @Test
    void rowWithTheWrongNumberOfCellsIsRejected() {
        assertThatThrownBy(() -> new TextTable(List.of("a", "b")).row(List.of("1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void arrayParamsShowTheirElements() {
        assertThat(ParamValues.text(new double[] {0.1, 0.2})).isEqualTo("[0.1, 0.2]");
        assertThat(ParamValues.text(new String[] {"a", "b"})).isEqualTo("[a, b]");
        assertThat(ParamValues.text(64)).isEqualTo(64);
    }
}
