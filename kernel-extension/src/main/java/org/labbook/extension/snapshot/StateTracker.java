package org.labbook.extension.snapshot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.labbook.kernel.api.ClasspathEntry;
import org.labbook.kernel.api.JShellState;

/**
 * Works out what each cell changed in the JShell state by comparing with what the previous cell left.
 * Runs on the cell's path, so it only compares what the kernel already holds in memory: names, types and
 * the kernel's short value texts, never the values themselves. Not thread-safe: the kernel calls
 * extensions from its one evaluating thread.
 */
public final class StateTracker {

    private final Map<String, JShellState.Variable> variables = new HashMap<>();
    private final Set<String> imports = new HashSet<>();
    private final Set<String> methods = new HashSet<>();
    private final Set<String> types = new HashSet<>();
    private int classpathSize;

    /** What changed since the previous call (the first call reports everything as new). */
    public StateChanges next(JShellState state, List<ClasspathEntry> classpath) {
        List<VariableRecord> changedVariables = new ArrayList<>();
        for (JShellState.Variable variable : state.variables()) {
            JShellState.Variable before = variables.put(variable.name(), variable);
            if (!variable.equals(before)) {
                changedVariables.add(new VariableRecord(variable.name(), variable.type(), variable.summary()));
            }
        }
        List<ClasspathAddition> added = new ArrayList<>();
        // The classpath only grows; entries past the size seen last time are new.
        for (int i = Math.min(classpathSize, classpath.size()); i < classpath.size(); i++) {
            ClasspathEntry entry = classpath.get(i);
            added.add(new ClasspathAddition(entry.path().toString(), entry.maven(), entry.addedBy()));
        }
        classpathSize = classpath.size();
        return new StateChanges(changedVariables, newOnes(imports, state.imports()), newOnes(methods, state.methods()),
                newOnes(types, state.types()), added);
    }

    private static List<String> newOnes(Set<String> seen, List<String> now) {
        List<String> fresh = new ArrayList<>();
        for (String item : now) {
            if (seen.add(item)) {
                fresh.add(item);
            }
        }
        return fresh;
    }
}
