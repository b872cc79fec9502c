package org.labbook.tracking.internal.postgres;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

import org.labbook.tracking.NotFoundException;
import org.labbook.tracking.StoreException;
import org.labbook.tracking.ValidationException;
import org.labbook.tracking.internal.ArtifactFolder;
import org.labbook.tracking.internal.jdbc.BlobStore;
import org.labbook.tracking.internal.jdbc.Transactor;

/**
 * Artifact content kept in the store's database, so that every client reaches it with the same URI and
 * no shared folder: one {@code blobs} row per distinct SHA-256 and its bytes in {@code blob_chunks} rows
 * of {@link #CHUNK_BYTES}. Identical content is stored once, however many runs attach it.
 *
 * <p>Content is first copied to a local temporary file while it is hashed, so that its address is known
 * before anything is written and memory stays bounded; then all its rows go in one transaction, so a
 * reader never sees part of a blob. Reads and exports hash what they get and refuse content that does
 * not match. Storing content that is already there checks the stored copy first and rewrites it when it
 * is damaged, as the artifact folder of the embedded store does.
 */
final class DatabaseBlobStore implements BlobStore {
    static final int CHUNK_BYTES = 1 << 20;
    /** Rows fetched per round trip while streaming: a few MiB in memory at most. */
    private static final int FETCH_ROWS = 2;

    private final Transactor tx;
    private final String store;

    /** @param store the store's URI with its password masked, for messages */
    DatabaseBlobStore(Transactor tx, String store) {
        this.tx = tx;
        this.store = store;
    }

    @Override
    public Stored put(InputStream content) {
        Path spool = null;
        try {
            spool = Files.createTempFile("labbook-artifact-", ".part");
            MessageDigest digest = ArtifactFolder.sha256();
            long size;
            try (InputStream in = new DigestInputStream(content, digest); OutputStream out = Files.newOutputStream(spool)) {
                size = in.transferTo(out);
            }
            Stored stored = new Stored(HexFormat.of().formatHex(digest.digest()), size);
            if (!holds(stored)) {
                Path file = spool;
                tx.write("store artifact content " + stored.sha256(), c -> {
                    insert(c, stored, file);
                    return null;
                });
            }
            return stored;
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
            throw new StoreException("Cannot store artifact content in the PostgreSQL store " + store + ": "
                    + cause.getMessage() + " (content is hashed in a temporary file in "
                    + System.getProperty("java.io.tmpdir") + " first; it needs room for the artifact).", cause);
        } finally {
            deleteQuietly(spool);
        }
    }

    /**
     * Replaces whatever is stored under the digest (nothing, a damaged copy, or the same bytes another
     * client stored a moment ago) with the spooled content.
     */
    private static void insert(Connection c, Stored stored, Path file) throws SQLException {
        for (String table : new String[] {"blob_chunks", "blobs"}) {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE sha256 = ?")) {
                delete.setString(1, stored.sha256());
                delete.executeUpdate();
            }
        }
        try (PreparedStatement chunk = c.prepareStatement("INSERT INTO blob_chunks (sha256, seq, data) VALUES (?, ?, ?)");
             InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[CHUNK_BYTES];
            int seq = 0;
            int n;
            while ((n = in.readNBytes(buffer, 0, CHUNK_BYTES)) > 0) {
                chunk.setString(1, stored.sha256());
                chunk.setInt(2, seq++);
                chunk.setBytes(3, n == CHUNK_BYTES ? buffer : Arrays.copyOf(buffer, n));
                // One row at a time: a batch would hold every chunk of a large file in memory at once.
                chunk.executeUpdate();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (PreparedStatement blob = c.prepareStatement("INSERT INTO blobs (sha256, size, created_at) VALUES (?, ?, ?)")) {
            blob.setString(1, stored.sha256());
            blob.setLong(2, stored.size());
            blob.setLong(3, System.currentTimeMillis());
            blob.executeUpdate();
        }
    }

    /** True when the content is stored intact; reads it back only when it is there (the same content again). */
    private boolean holds(Stored stored) {
        return tx.read("check artifact content " + stored.sha256(), c -> {
            if (storedSize(c, stored.sha256()) != stored.size()) {
                return false;
            }
            MessageDigest digest = ArtifactFolder.sha256();
            long size = stream(c, stored.sha256(), (bytes, length) -> digest.update(bytes, 0, length));
            return size == stored.size() && HexFormat.of().formatHex(digest.digest()).equals(stored.sha256());
        });
    }

    @Override
    public byte[] read(String sha256, long size) {
        if (size > Integer.MAX_VALUE - 16) {
            throw new ValidationException("Artifact content " + sha256 + " is " + size + " bytes, too large to read into"
                    + " memory. Export it to a file with exportArtifact instead.");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) size);
        MessageDigest digest = ArtifactFolder.sha256();
        long found = tx.read("read artifact content " + sha256, c -> {
            requirePresent(c, sha256);
            out.reset();
            digest.reset();
            return stream(c, sha256, (bytes, length) -> {
                out.write(bytes, 0, length);
                digest.update(bytes, 0, length);
            });
        });
        verify(sha256, size, found, digest.digest());
        return out.toByteArray();
    }

    /**
     * Streams the content into a file next to the target and renames it over the target only once it
     * hashes right, so a damaged blob or a failed write leaves an existing target as it was.
     */
    @Override
    public Path export(String sha256, long size, Path target) {
        Path destination = target.toAbsolutePath();
        if (Files.isDirectory(destination)) {
            throw new ValidationException("Cannot export artifact to " + destination + ": it is a folder. Give the path"
                    + " of the file to write, for example " + destination.resolve("artifact.bin"));
        }
        Path part = null;
        try {
            // Through a symbolic link, as writing to the target would, rather than replacing the link.
            if (Files.exists(destination)) {
                destination = destination.toRealPath();
            }
            Files.createDirectories(destination.getParent());
            part = destination.resolveSibling("." + destination.getFileName() + "." + UUID.randomUUID() + ".part");
            Path file = part;
            MessageDigest digest = ArtifactFolder.sha256();
            long found = tx.read("export artifact content " + sha256, c -> {
                requirePresent(c, sha256);
                digest.reset();
                try (OutputStream out = Files.newOutputStream(file)) {
                    return stream(c, sha256, (bytes, length) -> {
                        out.write(bytes, 0, length);
                        digest.update(bytes, 0, length);
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            verify(sha256, size, found, digest.digest());
            try {
                Files.move(part, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, destination, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
            throw new StoreException("Cannot copy artifact to " + target + ": " + cause.getMessage(), cause);
        } finally {
            deleteQuietly(part);
        }
    }

    @FunctionalInterface
    private interface ChunkSink {
        void accept(byte[] bytes, int length) throws IOException;
    }

    /** Feeds the chunks in order to {@code sink}; returns the number of bytes. */
    private static long stream(Connection c, String sha256, ChunkSink sink) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT data FROM blob_chunks WHERE sha256 = ? ORDER BY seq")) {
            select.setFetchSize(FETCH_ROWS);
            select.setString(1, sha256);
            long size = 0;
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    byte[] bytes = rs.getBytes(1);
                    sink.accept(bytes, bytes.length);
                    size += bytes.length;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return size;
        }
    }

    /** The recorded size of the content, or -1 when it is not stored. */
    private static long storedSize(Connection c, String sha256) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT size FROM blobs WHERE sha256 = ?")) {
            select.setString(1, sha256);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    private void requirePresent(Connection c, String sha256) throws SQLException {
        if (storedSize(c, sha256) < 0) {
            throw new NotFoundException("Artifact content " + sha256 + " is missing from the PostgreSQL store " + store
                    + ". It was deleted from the database by hand; restore it from a backup.");
        }
    }

    private static void verify(String sha256, long expectedSize, long size, byte[] actualDigest) {
        String actual = HexFormat.of().formatHex(actualDigest);
        if (size != expectedSize || !actual.equals(sha256)) {
            throw new StoreException("Artifact content " + sha256 + " is corrupt: expected " + expectedSize
                    + " bytes with that SHA-256, found " + size + " bytes hashing to " + actual
                    + ". Log the artifact again or restore the store from a backup.");
        }
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // A leftover temporary file is harmless and the system's temp cleaning removes it.
            }
        }
    }
}
