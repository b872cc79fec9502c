package org.labbook.tracking;

import java.nio.file.Path;
import java.util.Optional;

import org.labbook.tracking.spi.Validation;

/**
 * A model version as serving code needs it: the version, its run, its lineage, and its artifact as a
 * local file (copied from the store into a cache folder, checked against the registered digest).
 *
 * @param artifactPath empty when the version records no artifact
 */
public record ResolvedModel(ModelLineage lineage, Optional<Path> artifactPath) {
    public ResolvedModel {
        Validation.required("lineage", lineage);
        Validation.required("artifact path", artifactPath);
    }

    public ModelVersion version() {
        return lineage.version();
    }

    public RunDetails run() {
        return lineage.run();
    }

    /** The artifact's local path; fails in one line when the version records no artifact. */
    public Path artifact() {
        return artifactPath.orElseThrow(() -> new NotFoundException("Version " + version().version() + " of model '"
                + version().model() + "' records no artifact. Register it with --artifact NAME."));
    }
}
