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

    @Test
    void aLongSessionKeepsItsLatestCellsWithinTheCountAndCharacterLimits() {
        SessionHistory byCount = new SessionHistory(100, Long.MAX_VALUE);
        for (int line = 1; line <= 1000; line++) {
            byCount.add(line, "x = " + line, java.util.Optional.empty());
        }
        assertThat(byCount.tail(1000)).hasSize(100);
        assertThat(byCount.tail(1000).get(0).line()).isEqualTo(901);
        assertThat(byCount.range(0, 1, 0)).extracting(SessionHistory.Entry::line).startsWith(901).endsWith(1000);

        SessionHistory byChars = new SessionHistory(1000, 10_000);
        for (int line = 1; line <= 100; line++) {
            byChars.add(line, "y".repeat(900), java.util.Optional.of("z".repeat(100)));
        }
        assertThat(byChars.tail(1000)).hasSize(10);
        assertThat(byChars.tail(1).get(0).line()).isEqualTo(100);

        byChars.add(101, "w".repeat(50_000), java.util.Optional.empty());
        assertThat(byChars.tail(1000)).extracting(SessionHistory.Entry::line).containsExactly(101);
    }
}
