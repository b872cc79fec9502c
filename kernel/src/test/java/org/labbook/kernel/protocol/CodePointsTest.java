package org.labbook.kernel.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CodePointsTest {
    private static final String TEXT = "a\uD83D\uDE00b";

    @Test
    void codePointPositionsPastASurrogatePairShiftByOneUtf16Unit() {
        assertThat(CodePoints.toUtf16(TEXT, 2)).isEqualTo(3);
        assertThat(CodePoints.fromUtf16(TEXT, 3)).isEqualTo(2);
    }

    @Test
    void positionsOutsideTheTextAreClamped() {
        assertThat(CodePoints.toUtf16(TEXT, 99)).isEqualTo(TEXT.length());
        assertThat(CodePoints.toUtf16(TEXT, -1)).isZero();
        assertThat(CodePoints.fromUtf16(TEXT, 99)).isEqualTo(3);
    }
}
