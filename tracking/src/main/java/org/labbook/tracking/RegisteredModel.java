package org.labbook.tracking;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.labbook.tracking.spi.Validation;

/**
 * A named model: created by its first registered version.
 *
 * @param latestVersion the highest version number, archived ones included
 * @param aliases alias to version, sorted by alias
 */
public record RegisteredModel(String name, Instant createdAt, String createdBy, int latestVersion,
                              Map<String, Integer> aliases) {
    public RegisteredModel {
        ModelNames.model(name);
        Validation.required("creation time", createdAt);
        Validation.required("creator", createdBy);
        aliases = java.util.Collections.unmodifiableMap(new TreeMap<>(Validation.required("aliases", aliases)));
    }
}
