package org.labbook.tracking.spi;

/** A stored sweep: its definition. */
public record SweepRecord(NewSweep definition) {
    public SweepRecord {
        Validation.required("definition", definition);
    }

    public String id() {
        return definition.sweepId();
    }

    public String name() {
        return definition.name();
    }
}
