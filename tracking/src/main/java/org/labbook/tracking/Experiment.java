package org.labbook.tracking;

import java.time.Instant;
import java.util.Map;

import org.labbook.tracking.spi.Validation;

/**
 * A named group of runs, e.g. {@code fraud/baseline}. Names may contain {@code /} to form a hierarchy
 * by convention only; the store treats them as plain unique names.
 */
public record Experiment(String id, String name, Map<String, String> tags, Instant createdAt, boolean deleted) {
    public Experiment {
        Validation.required("experiment id", id);
        Validation.name("experiment name", name);
        tags = Map.copyOf(Validation.required("experiment tags", tags));
        Validation.required("experiment creation time", createdAt);
    }
}
