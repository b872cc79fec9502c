package org.labbook.extension.snapshot;

import java.util.Objects;

/** A variable a cell declared or changed: its name, declared type and a short, redacted text of its value. */
public record VariableRecord(String name, String type, String summary) {
    public VariableRecord {
        Objects.requireNonNull(name, "name");
        type = type == null ? "" : type;
        summary = summary == null ? "" : summary;
    }
}
