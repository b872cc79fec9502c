package org.labbook.tracking.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import org.labbook.tracking.NotFoundException;
import org.labbook.tracking.StoreException;
import org.labbook.tracking.internal.jdbc.BlobStore;

/**
 * Content-addressed file storage: a blob with SHA-256 {@code abcdef...} lives at
 * {@code <root>/ab/cdef...}. Identical content is stored once, however many runs attach it. A blob is
 * first written to {@code <root>/tmp/} while it is hashed, then moved into place atomically, so a
 * reader never sees half a file and two processes storing the same content do not clash.
 */
public final class ArtifactFolder implements BlobStore {
    private final Path root;

    public ArtifactFolder(Path root) {
        this.root = root;
    }

    @Override
    public Stored put(InputStream content) {
        Path tmpDir = root.resolve("tmp");
        Path tmp = null;
        try {
            Files.createDirectories(tmpDir);
            tmp = tmpDir.resolve(UUID.randomUUID() + ".part");
            MessageDigest digest = sha256();
            long size;
            try (InputStream in = new DigestInputStream(content, digest); OutputStream out = Files.newOutputStream(tmp)) {
                size = in.transferTo(out);
            }
            String hash = HexFormat.of().formatHex(digest.digest());
            Path target = pathOf(hash);
            if (Files.exists(target) && Files.size(target) == size) {
                Files.delete(tmp);
                return new Stored(hash, size);
            }
            Files.createDirectories(target.getParent());
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                // Another process stored the same bytes at the same moment: its file is ours too.
                Files.deleteIfExists(tmp);
            }
            return new Stored(hash, size);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new StoreException("Cannot store artifact in " + root + ": " + e.getMessage(), e);
        }
    }

    /** Reads a blob and checks it against its hash. */
    @Override
    public byte[] read(String sha256, long expectedSize) {
        Path path = pathOf(sha256);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new NotFoundException("Artifact content " + sha256 + " is missing from " + root
                    + ". The store folder was changed by hand; restore it from a backup.");
        } catch (IOException e) {
            throw new StoreException("Cannot read artifact " + path + ": " + e.getMessage(), e);
        }
        verify(sha256, expectedSize, bytes.length, sha256().digest(bytes));
        return bytes;
    }

    /** Copies a blob to {@code target}, checking its hash on the way; a corrupt copy is deleted. */
    @Override
    public Path export(String sha256, long expectedSize, Path target) {
        Path path = pathOf(sha256);
        if (!Files.exists(path)) {
            throw new NotFoundException("Artifact content " + sha256 + " is missing from " + root
                    + ". The store folder was changed by hand; restore it from a backup.");
        }
        MessageDigest digest = sha256();
        try {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            long size;
            try (InputStream in = new DigestInputStream(Files.newInputStream(path), digest);
                 OutputStream out = Files.newOutputStream(target)) {
                size = in.transferTo(out);
            }
            try {
                verify(sha256, expectedSize, size, digest.digest());
            } catch (StoreException e) {
                Files.deleteIfExists(target);
                throw e;
            }
            return target;
        } catch (IOException e) {
            throw new StoreException("Cannot copy artifact to " + target + ": " + e.getMessage(), e);
        }
    }

    public Path pathOf(String sha256) {
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2));
    }

    private void verify(String sha256, long expectedSize, long size, byte[] actualDigest) {
        String actual = HexFormat.of().formatHex(actualDigest);
        if (size != expectedSize || !actual.equals(sha256)) {
            throw new StoreException("Artifact content " + sha256 + " is corrupt: expected " + expectedSize
                    + " bytes with that SHA-256, found " + size + " bytes hashing to " + actual
                    + ". Log the artifact again or restore the store from a backup.");
        }
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // The temp folder is only ever read by this class; a leftover part file is harmless.
            }
        }
    }
}
