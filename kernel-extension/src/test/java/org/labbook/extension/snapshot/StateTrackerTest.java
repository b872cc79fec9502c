package org.labbook.extension.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.labbook.kernel.api.ClasspathEntry;
import org.labbook.kernel.api.JShellState.Variable;

class StateTrackerTest {

    @Test
    void eachCellReportsOnlyWhatItDeclaredOrChanged() {
        StateTracker tracker = new StateTracker();
        Cells.State state = new Cells.State(List.of(new Variable("lr", "double", "0.1")),
                List.of("import java.util.*;"), List.of("double loss(double w)"), List.of("Model"));
        StateChanges first = tracker.next(state, List.of());
        assertThat(first.variables()).containsExactly(new VariableRecord("lr", "double", "0.1"));
        assertThat(first.imports()).containsExactly("import java.util.*;");
        assertThat(first.methods()).containsExactly("double loss(double w)");
        assertThat(first.types()).containsExactly("Model");

        assertThat(tracker.next(state, List.of()).isEmpty()).isTrue();

        Cells.State next = state.with(new Variable("lr", "double", "0.01")).with(new Variable("n", "int", "5"));
        StateChanges third = tracker.next(next, List.of());
        assertThat(third.variables()).extracting(VariableRecord::name).containsExactly("lr", "n");
        assertThat(third.imports()).isEmpty();
    }

    @Test
    void classpathEntriesAddedByMagicsAreReportedOnceWithTheirCoordinates() {
        StateTracker tracker = new StateTracker();
        ClasspathEntry guava = new ClasspathEntry(Path.of("/m2/guava.jar"), Optional.of("com.google.guava:guava:33.0.0-jre"),
                "%maven com.google.guava:guava:33.0.0-jre");
        assertThat(tracker.next(Cells.State.empty(), List.of(guava)).classpath()).containsExactly(
                new ClasspathAddition("/m2/guava.jar", Optional.of("com.google.guava:guava:33.0.0-jre"),
                        "%maven com.google.guava:guava:33.0.0-jre"));
        assertThat(tracker.next(Cells.State.empty(), List.of(guava)).classpath()).isEmpty();
    }
}
