package org.labbook.tracking;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.labbook.tracking.spi.Validation;

/**
 * One version of a registered model: the run that produced it and, by name and SHA-256, the artifact of
 * that run that holds the model. The artifact's bytes are not copied; the digest says whether what is
 * read later is what was registered.
 *
 * @param artifactName null when the version records no artifact
 * @param aliases the aliases pointing at this version now, sorted
 */
public record ModelVersion(String model, int version, String runId, String artifactName, String artifactSha256,
                           long artifactSize, Instant createdAt, String createdBy, String note, boolean archived,
                           List<String> aliases) {
    public ModelVersion {
        ModelNames.model(model);
        ModelNames.version(model, version);
        Validation.required("run id", runId);
        Validation.required("creation time", createdAt);
        Validation.required("creator", createdBy);
        aliases = List.copyOf(Validation.required("aliases", aliases));
        if ((artifactName == null) != (artifactSha256 == null)) {
            throw new ValidationException("A model version records an artifact's name and digest together.");
        }
    }

    public Optional<String> artifact() {
        return Optional.ofNullable(artifactName);
    }

    public Optional<String> noteText() {
        return Optional.ofNullable(note);
    }

    /** The reference {@code model/version}. */
    public String reference() {
        return model + "/" + version;
    }
}
