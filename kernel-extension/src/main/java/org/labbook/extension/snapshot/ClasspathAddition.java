package org.labbook.extension.snapshot;

import java.util.Objects;
import java.util.Optional;

/**
 * A jar or folder a cell added to the classpath.
 *
 * @param path    where it is
 * @param maven   {@code group:artifact:version} when it came from {@code %maven}
 * @param addedBy the magic that added it, e.g. "%maven com.google.guava:guava:33.0.0-jre"
 */
public record ClasspathAddition(String path, Optional<String> maven, String addedBy) {
    public ClasspathAddition {
        Objects.requireNonNull(path, "path");
        maven = maven == null ? Optional.empty() : maven;
        addedBy = addedBy == null ? "" : addedBy;
    }
}
