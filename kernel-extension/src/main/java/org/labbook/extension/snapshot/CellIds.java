package org.labbook.extension.snapshot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/** Cell ids: the front end's when it sent one, else derived from the execution count and the source. */
public final class CellIds {

    /** What nbformat 4.5 allows as a cell id. */
    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    /** Hashing the first part of a source is enough to tell cells apart and keeps a 1 MB cell cheap. */
    private static final int HASHED_PREFIX = 64 * 1024;

    private CellIds() {
    }

    /** The front end's id when it is usable, else {@code <count>-<first 12 hex digits of SHA-256(source)>}. */
    public static String of(Optional<String> frontEndId, int executionCount, String source) {
        if (frontEndId.isPresent() && !frontEndId.get().isBlank()) {
            return frontEndId.get();
        }
        return executionCount + "-" + sourceHash(source);
    }

    /** A valid nbformat id for {@code id}: itself when valid, else its allowed characters (or a hash), cut to 64. */
    public static String nbformatId(String id) {
        if (VALID.matcher(id).matches()) {
            return id;
        }
        String kept = id.replaceAll("[^a-zA-Z0-9_-]", "-");
        if (kept.replace("-", "").isEmpty()) {
            kept = sourceHash(id);
        }
        return kept.length() > 64 ? kept.substring(0, 64) : kept;
    }

    static String sourceHash(String source) {
        String prefix = source.length() > HASHED_PREFIX ? source.substring(0, HASHED_PREFIX) : source;
        byte[] hash = SHA_256.get().digest(prefix.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash, 0, 6);
    }

    // Looking a digest up by name costs more than hashing a cell; each thread keeps one (digest() resets it).
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    });
}
