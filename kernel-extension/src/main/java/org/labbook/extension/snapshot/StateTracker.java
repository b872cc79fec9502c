package org.labbook.extension.snapshot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    private static final Pattern IDENTIFIER =
            Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*");

    /** What changed since the previous call (the first call reports everything as new), reading every value. */
    public StateChanges next(JShellState state, List<ClasspathEntry> classpath) {
        return changes(state.variables(), state, classpath);
    }

    /**
     * What the cell with this source changed. Only variables that are new, or whose name appears in the
     * source, are read: a cell can only assign a variable it names, and reading every value on every cell
     * would cost a notebook with hundreds of variables a millisecond a cell. (A method defined earlier that
     * reassigns a variable, called by a cell that does not name it, goes unseen until a cell names it.)
     */
    public StateChanges next(JShellState state, List<ClasspathEntry> classpath, String source) {
        Set<String> named = new HashSet<>();
        Matcher identifiers = IDENTIFIER.matcher(source);
        while (identifiers.find()) {
            named.add(identifiers.group());
        }
        List<String> candidates = new ArrayList<>();
        for (String name : state.variableNames()) {
            if (!variables.containsKey(name) || named.contains(name)) {
                candidates.add(name);
            }
        }
        return changes(candidates.isEmpty() ? List.of() : state.variables(candidates), state, classpath);
    }

    private StateChanges changes(List<JShellState.Variable> current, JShellState state,
                                 List<ClasspathEntry> classpath) {
        List<VariableRecord> changedVariables = new ArrayList<>();
        for (JShellState.Variable variable : current) {
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
