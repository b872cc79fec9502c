package org.labbook.kernel.api;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A read-only view of what the user's cells have defined so far. */
public interface JShellState {

    /** Active variables in declaration order. */
    List<Variable> variables();

    /** The names of the active variables, in declaration order; reads no value, so it is cheap. */
    default List<String> variableNames() {
        return variables().stream().map(Variable::name).toList();
    }

    /**
     * The active variables with one of these names, in declaration order. Reads only their values, so a
     * caller that knows which variables a cell can have touched need not pay for all of them.
     */
    default List<Variable> variables(Collection<String> names) {
        Set<String> wanted = Set.copyOf(names);
        return variables().stream().filter(v -> wanted.contains(v.name())).toList();
    }

    /** The live value of a variable (the kernel runs JShell in its own JVM), or empty if no such variable. */
    Optional<Object> value(String variableName);

    /** Import statements, e.g. {@code import java.util.*;}. */
    List<String> imports();

    /** Methods defined by cells, as signatures, e.g. {@code double loss(double[] w)}. */
    List<String> methods();

    /** Classes, interfaces, records and enums defined by cells, by name. */
    List<String> types();

    /**
     * A declared variable.
     *
     * @param name    its name
     * @param type    its declared type as JShell prints it
     * @param summary a short text of its value that runs none of its code ({@link ValueText}): values of the
     *                JDK's simple types as JShell prints them, others by type and size or identity
     */
    record Variable(String name, String type, String summary) {
    }
}
