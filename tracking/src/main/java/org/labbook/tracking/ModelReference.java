package org.labbook.tracking;

import java.util.Optional;
import java.util.OptionalInt;

import org.labbook.tracking.spi.Validation;

/**
 * How a model version is named in text: {@code fraud-detector@production} (the version an alias points
 * at), {@code fraud-detector/3} (a version by number) or {@code fraud-detector} (its latest version).
 *
 * @param alias empty when the reference names a version by number or the latest one
 * @param version empty when the reference names an alias or the latest version
 */
public record ModelReference(String model, Optional<String> alias, OptionalInt version) {
    public ModelReference {
        ModelNames.model(model);
        alias = Validation.required("alias", alias).map(ModelNames::alias);
        Validation.required("version", version);
        if (alias.isPresent() && version.isPresent()) {
            throw new ValidationException("A model reference names an alias or a version, not both.");
        }
        version.ifPresent(v -> ModelNames.version(model, v));
    }

    public static ModelReference parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ValidationException("Invalid model reference: it is empty. Write NAME@ALIAS, NAME/VERSION or"
                    + " NAME, e.g. fraud-detector@production.");
        }
        String t = text.strip();
        int at = t.indexOf('@');
        if (at >= 0) {
            return new ModelReference(t.substring(0, at), Optional.of(t.substring(at + 1)), OptionalInt.empty());
        }
        int slash = t.indexOf('/');
        if (slash >= 0) {
            String model = ModelNames.model(t.substring(0, slash));
            return new ModelReference(model, Optional.empty(),
                    OptionalInt.of(ModelNames.parseVersion(model, t.substring(slash + 1))));
        }
        return new ModelReference(t, Optional.empty(), OptionalInt.empty());
    }

    @Override
    public String toString() {
        return alias.map(a -> model + "@" + a)
                .orElseGet(() -> version.isPresent() ? model + "/" + version.getAsInt() : model);
    }
}
