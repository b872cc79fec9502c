package org.labbook.tracking;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

import org.labbook.tracking.spi.Validation;

/**
 * One entry of a model's audit trail: an alias set, moved or removed. Entries are only ever appended.
 *
 * @param seq the entry's position in the model's trail, from 1
 * @param fromVersion empty when the alias was new
 * @param toVersion empty when the alias was removed (demoted)
 * @param gate the gate the move passed, as its canonical text, or null when it had none
 */
public record AliasMove(String model, int seq, String alias, OptionalInt fromVersion, OptionalInt toVersion,
                        Instant at, String user, String note, String gate) {
    public AliasMove {
        ModelNames.model(model);
        ModelNames.alias(alias);
        Validation.required("from version", fromVersion);
        Validation.required("to version", toVersion);
        Validation.required("time", at);
        Validation.required("user", user);
    }

    public Optional<String> noteText() {
        return Optional.ofNullable(note);
    }

    public Optional<String> gateText() {
        return Optional.ofNullable(gate);
    }
}
