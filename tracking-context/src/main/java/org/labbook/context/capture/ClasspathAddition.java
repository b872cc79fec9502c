package org.labbook.context.capture;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A jar or folder added to the classpath after start (a notebook's {@code %maven} or {@code %jars}),
 * with the Maven coordinates it was resolved from, if any.
 */
public record ClasspathAddition(Path path, Optional<String> maven) {
    public ClasspathAddition {
        Objects.requireNonNull(path, "path");
        maven = maven == null ? Optional.empty() : maven;
    }
}
