package org.labbook.magics.internal;

import java.util.Optional;
import org.labbook.kernel.api.KernelSession;

/** Reads the live value of a variable the user's cells declared. */
final class NotebookVariables {
    private NotebookVariables() {
    }

    /**
     * The variable's current value. The kernel's state view is asked first; when it cannot produce the
     * value of a declared variable, the variable's name is evaluated as an expression, which yields the same
     * live object (boxed for primitives).
     *
     * @throws org.labbook.kernel.api.UserError when no such variable is declared, or its value is null
     */
    static Object value(KernelSession kernel, String name) {
        boolean declared = kernel.state().variables().stream().anyMatch(v -> v.name().equals(name));
        if (!declared) {
            throw TrackErrors.usage("No variable '" + name + "' in the notebook: define it in a cell first, or log a"
                    + " literal with " + name + "=VALUE.");
        }
        Optional<Object> value = kernel.state().value(name);
        Object live = value.isPresent() ? value.get() : kernel.evaluate(name);
        if (live == null) {
            throw TrackErrors.usage("Variable '" + name + "' is null: give it a value first, or log a literal with "
                    + name + "=VALUE.");
        }
        return live;
    }
}
