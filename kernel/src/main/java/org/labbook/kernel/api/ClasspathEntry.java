package org.labbook.kernel.api;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A jar or folder on the user's classpath.
 *
 * @param path    where it is
 * @param maven   {@code group:artifact:version} when it came from {@code %maven}
 * @param addedBy what added it, e.g. "%maven com.google.guava:guava:33.0.0-jre" or "%jars lib/*.jar"
 */
public record ClasspathEntry(Path path, Optional<String> maven, String addedBy) {
    public ClasspathEntry {
        Objects.requireNonNull(path, "path");
        maven = maven == null ? Optional.empty() : maven;
        addedBy = addedBy == null ? "" : addedBy;
    }
}
