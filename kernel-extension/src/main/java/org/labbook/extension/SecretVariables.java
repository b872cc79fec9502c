package org.labbook.extension;

import java.util.Optional;
import org.labbook.extension.snapshot.StateChanges;
import org.labbook.extension.snapshot.VariableRecord;
import org.labbook.kernel.api.JShellState;
import org.labbook.tracking.redact.Scrubber;

/**
 * Collects the values of notebook variables whose names look secret, as the cell that assigns them ends and
 * before that cell is recorded: from then on the value is removed wherever it appears (this cell's output,
 * later cells, the notebook copies), not only where the variable's name stands beside it.
 */
final class SecretVariables {

    private final Scrubber scrubber;

    SecretVariables(Scrubber scrubber) {
        this.scrubber = scrubber;
    }

    /** Reads the live value of each changed variable with a secret-looking name; texts only, never toString(). */
    void collect(StateChanges changes, JShellState state) {
        for (VariableRecord variable : changes.variables()) {
            if (scrubber.isSecretName(variable.name())) {
                text(state.value(variable.name())).ifPresent(scrubber.values()::add);
            }
        }
    }

    /**
     * Strings, other char sequences and char arrays; a number is no secret of the collected length, and calling
     * a user object's {@code toString()} here could cost the cell time or throw.
     */
    private static Optional<String> text(Optional<Object> value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Object live = value.get();
        if (live instanceof String text) {
            return Optional.of(text);
        }
        if (live instanceof char[] chars) {
            return Optional.of(new String(chars));
        }
        if (live instanceof CharSequence sequence) {
            try {
                return Optional.of(sequence.toString());
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
