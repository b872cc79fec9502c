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
    void aCellReadsOnlyTheValuesOfNewVariablesAndOfThoseItNames() {
        StateTracker tracker = new StateTracker();
        Cells.State state = new Cells.State(List.of(new Variable("lr", "double", "0.1"), new Variable("n", "int", "5")),
                List.of(), List.of(), List.of());
        assertThat(tracker.next(state, List.of(), "double lr = 0.1; int n = 5;").variables())
                .extracting(VariableRecord::name).containsExactly("lr", "n");

        ReadCounting counting = new ReadCounting(state.with(new Variable("lr", "double", "0.2")));
        StateChanges named = tracker.next(counting, List.of(), "lr *= 2;");
        assertThat(named.variables()).containsExactly(new VariableRecord("lr", "double", "0.2"));
        assertThat(counting.read).containsExactly("lr");

        ReadCounting untouched = new ReadCounting(state.with(new Variable("lr", "double", "0.2")));
        assertThat(tracker.next(untouched, List.of(), "System.out.println(42);").variables()).isEmpty();
        assertThat(untouched.read).isEmpty();
    }

    /** A state that remembers which variables' values were asked for. */
    private static final class ReadCounting implements org.labbook.kernel.api.JShellState {
        private final Cells.State state;
        final java.util.List<String> read = new java.util.ArrayList<>();

        ReadCounting(Cells.State state) {
            this.state = state;
        }

        @Override
        public List<Variable> variables() {
            state.variables().forEach(v -> read.add(v.name()));
            return state.variables();
        }

        @Override
        public List<String> variableNames() {
            return state.variables().stream().map(Variable::name).toList();
        }

        @Override
        public List<Variable> variables(java.util.Collection<String> names) {
            read.addAll(names);
            return state.variables().stream().filter(v -> names.contains(v.name())).toList();
        }

        @Override
        public Optional<Object> value(String variableName) {
            return state.value(variableName);
        }

        @Override
        public List<String> imports() {
            return state.imports();
        }

        @Override
        public List<String> methods() {
            return state.methods();
        }

        @Override
        public List<String> types() {
            return state.types();
        }
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
