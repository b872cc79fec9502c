package org.labbook.magics;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.labbook.kernel.api.UserError;

class TrackOutsideKernelTest {

    @Test
    void trackOutsideAKernelPointsToTheTrackerApi() {
        assertThatThrownBy(() -> Track.metric("loss", 1.0))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("Labbook.open()");
    }
}
