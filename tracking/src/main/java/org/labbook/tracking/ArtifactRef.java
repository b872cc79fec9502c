package org.labbook.tracking;

import java.time.Instant;
import java.util.HexFormat;

import org.labbook.tracking.spi.Validation;

/**
 * A file attached to a run under a relative name such as {@code model.bin} or {@code plots/roc.png}.
 * The content lives once in the store, addressed by its SHA-256; reads are checked against it.
 */
public record ArtifactRef(String runId, String name, String sha256, long size, Instant createdAt) {
    public ArtifactRef {
        Validation.required("run id", runId);
        Validation.key("artifact name", name);
        Validation.required("artifact sha256", sha256);
        if (sha256.length() != 64 || !sha256.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new ValidationException("Invalid artifact hash '" + Validation.shorten(sha256)
                    + "': expected 64 hexadecimal digits of a SHA-256.");
        }
        if (size < 0) {
            throw new ValidationException("Invalid artifact size " + size + " for '" + name + "': it must be >= 0.");
        }
        Validation.required("artifact time", createdAt);
    }

    /** The hash as bytes. */
    public byte[] sha256Bytes() {
        return HexFormat.of().parseHex(sha256);
    }
}
