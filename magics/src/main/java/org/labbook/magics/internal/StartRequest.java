package org.labbook.magics.internal;

import java.util.Map;
import java.util.Optional;

/**
 * What a new run should be: the {@code %track start} options and the {@code Track.start(...)} arguments
 * meet here.
 *
 * @param parent a run reference (id, prefix, name or {@code last}) of the run to nest under
 */
public record StartRequest(Optional<String> name, Optional<String> experiment, Map<String, String> tags,
                           Optional<String> note, boolean nested, Optional<String> parent) {
    public StartRequest {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public static StartRequest named(String name, String experiment) {
        return new StartRequest(Optional.ofNullable(name), Optional.ofNullable(experiment), Map.of(), Optional.empty(),
                false, Optional.empty());
    }
}
