package org.labbook.context.capture;

import java.util.Objects;
import java.util.Optional;

/**
 * A jar or folder on the classpath a run used.
 *
 * @param path   where it was
 * @param maven  {@code group:artifact:version} when known (from the jar's own pom.properties, the local
 *               Maven repository's layout, or {@code %maven})
 * @param sha256 the jar's SHA-256; empty for folders and unreadable files
 * @param size   the jar's size in bytes; 0 for folders
 */
public record ClasspathItem(String path, Optional<String> maven, Optional<String> sha256, long size) {
    public ClasspathItem {
        Objects.requireNonNull(path, "path");
        maven = maven == null ? Optional.empty() : maven;
        sha256 = sha256 == null ? Optional.empty() : sha256;
    }
}
