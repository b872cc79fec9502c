package org.labbook.tracking;

import java.time.Instant;

import org.labbook.tracking.spi.Validation;

/** Free text attached to a run, e.g. "lr too high, diverged at epoch 3". Notes are appended, in order. */
public record Note(String runId, long sequence, String text, Instant createdAt) {
    public Note {
        Validation.required("run id", runId);
        Validation.value("note", "text", text, Validation.MAX_NOTE_LENGTH);
        Validation.required("note time", createdAt);
    }
}
