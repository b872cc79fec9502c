package org.labbook.tracking.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import org.labbook.tracking.NotFoundException;
import org.labbook.tracking.StoreException;
import org.labbook.tracking.ValidationException;
import org.labbook.tracking.internal.jdbc.BlobStore;

/**
 * Content-addressed file storage: a blob with SHA-256 {@code abcdef...} lives at
 * {@code <root>/ab/cdef...}. Identical content is stored once, however many runs attach it. A blob is
 * first written to {@code <root>/tmp/} while it is hashed, then renamed into place, so a reader never
 * sees half a file and two processes storing the same content do not clash.
 *
 * <p>Invariant: {@link #put} returns only when a file with exactly the reported content is at
 * {@link #pathOf}. A blob already there is hashed before it is trusted, so storing content again
 * repairs a blob that was damaged on disk. {@link #export} likewise renames a checked copy over its
 * target, so a failed export leaves whatever was there before.
 */
public final class ArtifactFolder implements BlobStore {
    private static final int BUFFER = 64 * 1024;

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
            // Hashing the existing blob costs one read of it, and only when the same content is stored
            // again; trusting its size alone kept a damaged blob forever.
            if (!holds(target, hash, size)) {
                Files.createDirectories(target.getParent());
                boolean copied;
                try {
                    copied = replace(tmp, target);
                } catch (IOException e) {
                    // Another process renaming the same content into place at the same moment can make
                    // ours fail (Windows refuses to replace a file that is open); its copy serves us too.
                    if (holds(target, hash, size)) {
                        return new Stored(hash, size);
                    }
                    throw e;
                }
                // A rename keeps the bytes just hashed; a copy is new bytes, checked before they are trusted.
                if (copied && !holds(target, hash, size)) {
                    throw new IOException("the copy at " + target + " does not hash to " + hash);
                }
            }
            return new Stored(hash, size);
        } catch (IOException e) {
            throw new StoreException("Cannot store artifact in " + root + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Reads a blob and checks it against its hash. */
    @Override
    public byte[] read(String sha256, long expectedSize) {
        Path path = pathOf(sha256);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw missing(sha256);
        } catch (IOException e) {
            throw new StoreException("Cannot read artifact " + path + ": " + e.getMessage(), e);
        }
        verify(sha256, expectedSize, bytes.length, sha256().digest(bytes));
        return bytes;
    }

    /**
     * Copies a blob to {@code target}, checking its hash on the way. The copy is written next to the
     * target and renamed over it only once it checks out, so a corrupt blob or a failed write leaves an
     * existing target as it was and no partial file behind.
     */
    @Override
    public Path export(String sha256, long expectedSize, Path target) {
        Path path = pathOf(sha256);
        if (!Files.exists(path)) {
            throw missing(sha256);
        }
        Path destination = target.toAbsolutePath();
        if (Files.isDirectory(destination)) {
            throw new ValidationException("Cannot export artifact to " + destination
                    + ": it is a folder. Give the path of the file to write, for example "
                    + destination.resolve("artifact.bin"));
        }
        Path part = null;
        try {
            // Write through a symbolic link, as opening the target would, rather than replace the link.
            if (Files.exists(destination)) {
                destination = destination.toRealPath();
            }
            Files.createDirectories(destination.getParent());
            part = partFileNextTo(destination);
            MessageDigest digest = sha256();
            long size;
            try (InputStream in = new DigestInputStream(Files.newInputStream(path), digest);
                 OutputStream out = Files.newOutputStream(part)) {
                size = in.transferTo(out);
            }
            verify(sha256, expectedSize, size, digest.digest());
            replace(part, destination);
            return target;
        } catch (IOException e) {
            throw new StoreException("Cannot copy artifact to " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(part);
        }
    }

    public Path pathOf(String sha256) {
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2));
    }

    /**
     * Moves {@code source} over {@code target} so that a reader sees the old file or the new one, never a
     * mix. When the two are on different file systems (a {@code tmp/} linked to another disk) the rename
     * cannot be atomic, so the file is first copied next to the target and renamed from there.
     *
     * @return true when the bytes were copied rather than renamed
     */
    private static boolean replace(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return false;
        } catch (AtomicMoveNotSupportedException acrossFileSystems) {
            // Fall through to the copy below.
        }
        Path sibling = partFileNextTo(target);
        try {
            Files.copy(source, sibling);
            try {
                Files.move(sibling, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException noAtomicRenameAtAll) {
                // A file system without atomic renames even within a folder: a plain one is the best it offers.
                Files.move(sibling, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            deleteQuietly(sibling);
        }
        Files.deleteIfExists(source);
        return true;
    }

    private static Path partFileNextTo(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
    }

    /** True when {@code blob} exists with exactly {@code size} bytes hashing to {@code sha256}. */
    private static boolean holds(Path blob, String sha256, long size) throws IOException {
        if (!Files.isRegularFile(blob) || Files.size(blob) != size) {
            return false;
        }
        MessageDigest digest = sha256();
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(blob)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        } catch (NoSuchFileException replacedMeanwhile) {
            return false;
        }
        return HexFormat.of().formatHex(digest.digest()).equals(sha256);
    }

    private NotFoundException missing(String sha256) {
        return new NotFoundException("Artifact content " + sha256 + " is missing from " + root
                + ". The store folder was changed by hand; restore it from a backup.");
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
                // Part files are only ever read by this class; a leftover one is harmless.
            }
        }
    }
}
