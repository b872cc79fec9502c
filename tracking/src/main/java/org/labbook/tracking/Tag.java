package org.labbook.tracking;

import org.labbook.tracking.spi.Validation;

/** A label on a run, overwritable, e.g. {@code type = ablation}. */
public record Tag(String key, String value) {
    public Tag {
        Validation.key("tag key", key);
        Validation.value("tag value", key, value, Validation.MAX_TAG_VALUE_LENGTH);
    }
}
