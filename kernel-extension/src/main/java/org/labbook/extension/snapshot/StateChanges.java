package org.labbook.extension.snapshot;

import java.util.List;

/**
 * What a cell changed in the JShell state: variables declared or whose value text changed, and the
 * imports, methods, types and classpath entries that are new since the previous cell.
 */
public record StateChanges(List<VariableRecord> variables, List<String> imports, List<String> methods,
                           List<String> types, List<ClasspathAddition> classpath) {
    public StateChanges {
        variables = List.copyOf(variables);
        imports = List.copyOf(imports);
        methods = List.copyOf(methods);
        types = List.copyOf(types);
        classpath = List.copyOf(classpath);
    }

    public static StateChanges none() {
        return new StateChanges(List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public boolean isEmpty() {
        return variables.isEmpty() && imports.isEmpty() && methods.isEmpty() && types.isEmpty() && classpath.isEmpty();
    }
}
