package org.labbook.tracking.spi;

import java.time.Instant;
import java.util.List;

import org.labbook.tracking.RunSource;
import org.labbook.tracking.Tag;

/** What a store needs to create a run; built by {@link Tracker}. */
public record NewRun(String id, String name, String experimentName, Instant startTime, String user,
                     String parentRunId, RunSource source, List<Tag> tags) {
    public NewRun {
        Validation.required("run id", id);
        Validation.name("run name", name);
        Validation.name("experiment name", experimentName);
        Validation.required("start time", startTime);
        Validation.required("user", user);
        source = source == null ? RunSource.none() : source;
        tags = List.copyOf(Validation.required("tags", tags));
    }
}
