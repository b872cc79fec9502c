package org.labbook.extension.snapshot;

import java.util.Objects;

/**
 * A binary output (an image, a PDF) kept once in the store under its SHA-256 and referred to by it.
 *
 * @param mime   e.g. "image/png"
 * @param sha256 64 hex digits of the decoded bytes
 * @param size   the decoded size in bytes
 */
public record BlobRef(String mime, String sha256, long size) {
    public BlobRef {
        Objects.requireNonNull(mime, "mime");
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("blob hash must be 64 lower-case hex digits, was " + sha256);
        }
    }

    /** The artifact name the blob is attached under, e.g. {@code labbook/blobs/ab12....png}. */
    public String artifactName() {
        return "labbook/blobs/" + sha256 + extension(mime);
    }

    static String extension(String mime) {
        return switch (mime) {
            case "image/png" -> ".png";
            case "image/jpeg" -> ".jpg";
            case "image/gif" -> ".gif";
            case "image/webp" -> ".webp";
            case "application/pdf" -> ".pdf";
            default -> ".bin";
        };
    }
}
