package org.labbook.kernel.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionHistoryTest {
    @Test
    void globMatchesTheWholeInputWithStarQuestionMarkAndClasses() {
        assertThat(SessionHistory.globToRegex("a*").matcher("a + 1").matches()).isTrue();
        assertThat(SessionHistory.globToRegex("a?1").matcher("a+1").matches()).isTrue();
        assertThat(SessionHistory.globToRegex("[ab]x").matcher("bx").matches()).isTrue();
        assertThat(SessionHistory.globToRegex("[ab]x").matcher("cx").matches()).isFalse();
        assertThat(SessionHistory.globToRegex("a.b(*)").matcher("a.b(1)").matches()).isTrue();
        assertThat(SessionHistory.globToRegex("a.b").matcher("axb").matches()).isFalse();
        assertThat(SessionHistory.globToRegex("*x*").matcher("line1\nx\n").matches()).isTrue();
    }

    @Test
    void rangeStopZeroMeansToTheEndAndNegativeStopCountsBack() {
        SessionHistory history = new SessionHistory();
        history.add(1, "one", java.util.Optional.empty());
        history.add(2, "two", java.util.Optional.empty());
        history.add(3, "three", java.util.Optional.empty());

        assertThat(history.range(0, 2, 0)).extracting(SessionHistory.Entry::input).containsExactly("two", "three");
        assertThat(history.range(0, 1, -1)).extracting(SessionHistory.Entry::input).containsExactly("one", "two");
    }
}
