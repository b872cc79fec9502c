package org.labbook.tracking;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;

import org.labbook.tracking.internal.ChunkCodec;
import org.labbook.tracking.spi.MetricColumns;
import org.labbook.tracking.spi.Validation;

/**
 * Metric points of one run that the store would not take and memory could not hold, kept on the local
 * disk until the store takes them. Files live in {@code metric-spill/} inside the store's folder, or,
 * when that cannot be written (the disk the store is on is full, or the store has no folder), in
 * {@code labbook-spill/<store digest>/} under the temp folder. A tracker opening the store replays the
 * files it finds in both places.
 *
 * <pre>
 *   header   "LBSPILL1"
 *            long  file offset up to which the records are stored (rewritten after each stored read)
 *            long  epoch: when the writing tracker started (ms since 1970), and
 *            long  position: points of the run that tracker queued before this file's first point;
 *                  together they order a run's files when a later tracker replays them
 *            then three strings (short length, UTF-8): the store, the run id, the run name
 *   records  int payload length, int points, int CRC-32 of the payload;
 *            payload: the key (short length, UTF-8), then the points in {@link ChunkCodec}'s layout
 * </pre>
 *
 * Appends are all or nothing: a failed write is cut back to the end of the last whole record, so a file
 * ends inside a record only if its process died while writing, and a reader stops at the first record
 * whose length or checksum does not hold. The owning process holds an exclusive lock on the file for as
 * long as it uses it, so no other process replays a file still being written. Writes are not forced to
 * the disk: a killed process loses nothing that reached the file, a power loss may lose what the
 * operating system had not yet written back.
 *
 * <p>Not thread-safe: its {@link MetricOutbox} guards it.
 */
final class SpillFile {
    static final String SUFFIX = ".spill";
    static final String STORE_FOLDER = "metric-spill";
    private static final byte[] MAGIC = "LBSPILL1".getBytes(StandardCharsets.US_ASCII);
    private static final int COMMITTED_AT = 8;
    private static final int FIXED_HEADER = 32;
    /** Points per record, so one record stays a few hundred kilobytes whatever the buffer size. */
    private static final int RECORD_POINTS = 1 << 14;
    private static final int RECORD_HEADER = 12;
    private static final int MAX_KEY_BYTES = 4 * Validation.MAX_KEY_LENGTH;
    private static final int MAX_PAYLOAD = 2 + MAX_KEY_BYTES + 32 + 24 * RECORD_POINTS;
    private static final int MAX_HEADER = FIXED_HEADER + 3 * (2 + 4096);

    /** Points read from the file, and the offset after them to {@link #commit} once they are stored. */
    record Read(List<MetricColumns> columns, int points, long end) {
    }

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private final String runId;
    private final String runName;
    private final long epoch;
    private final long position;
    private long readOffset;
    private long end;
    private long unread;
    private boolean sealed;

    private SpillFile(Path path, FileChannel channel, FileLock lock, String runId, String runName, long epoch,
                      long position, long dataStart) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
        this.runId = runId;
        this.runName = runName;
        this.epoch = epoch;
        this.position = position;
        this.readOffset = dataStart;
        this.end = dataStart;
    }

    /** Where spill files of a store go, in order of preference. */
    static List<Path> folders(StoreLocation location) {
        List<Path> folders = new ArrayList<>(2);
        if (location.directory() != null) {
            folders.add(location.directory().resolve(STORE_FOLDER));
        }
        folders.add(temporaryFolder(location));
        return folders;
    }

    /** The temp-folder place for a store: one folder per store, named by a digest of its URI. */
    static Path temporaryFolder(StoreLocation location) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(location.uri().getBytes(StandardCharsets.UTF_8));
            return Path.of(System.getProperty("java.io.tmpdir"), "labbook-spill",
                    HexFormat.of().formatHex(digest, 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * Creates a file in the first folder that can take one.
     *
     * @throws IOException naming every folder tried and why it failed
     */
    static SpillFile create(List<Path> folders, String store, String runId, String runName, long epoch, long position)
            throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path folder : folders) {
            Path path = folder.resolve(runId + "-" + epoch + "-" + position + "-"
                    + Integer.toHexString(ThreadLocalRandom.current().nextInt()) + SUFFIX);
            FileChannel channel = null;
            try {
                Files.createDirectories(folder);
                channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                FileLock lock = channel.lock();
                ByteBuffer header = header(store, runId, runName, epoch, position);
                writeFully(channel, header, 0);
                return new SpillFile(path, channel, lock, runId, runName, epoch, position, header.limit());
            } catch (IOException | RuntimeException e) {
                problems.add(folder + ": " + describe(e));
                if (channel != null) {
                    closeQuietly(channel);
                    try {
                        Files.deleteIfExists(path);
                    } catch (IOException ignored) {
                        // An empty file without a header is skipped by every reader.
                    }
                }
            }
        }
        throw new IOException("no folder could take a spill file (" + String.join("; ", problems) + ")");
    }

    private static ByteBuffer header(String store, String runId, String runName, long epoch, long position) {
        byte[][] strings = {utf8(store, 4096), utf8(runId, 4096), utf8(runName, 4096)};
        int size = FIXED_HEADER;
        for (byte[] s : strings) {
            size += 2 + s.length;
        }
        ByteBuffer header = ByteBuffer.allocate(size);
        header.put(MAGIC).putLong(size).putLong(epoch).putLong(position);
        for (byte[] s : strings) {
            header.putShort((short) s.length).put(s);
        }
        return header.flip();
    }

    private static byte[] utf8(String text, int limit) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= limit ? bytes : Arrays.copyOf(bytes, limit);
    }

    Path path() {
        return path;
    }

    String runId() {
        return runId;
    }

    String runName() {
        return runName;
    }

    long epoch() {
        return epoch;
    }

    long position() {
        return position;
    }

    /** Points appended (or found) but not yet committed as stored. */
    long unread() {
        return unread;
    }

    /** Whether appends have stopped because one failed; what the file holds can still be read. */
    boolean sealed() {
        return sealed;
    }

    /**
     * Appends points as whole records, all of them or none: after a failure the file is cut back and
     * sealed, and the caller keeps the points elsewhere.
     */
    void append(List<MetricColumns> columns) throws IOException {
        if (sealed) {
            throw new IOException("spill file " + path + " takes no more points after a failed write");
        }
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> chunks = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        int size = 0;
        int points = 0;
        for (MetricColumns c : columns) {
            byte[] key = c.key().getBytes(StandardCharsets.UTF_8);
            for (int from = 0; from < c.size(); from += RECORD_POINTS) {
                int count = Math.min(RECORD_POINTS, c.size() - from);
                byte[] chunk = ChunkCodec.encode(c.steps(), c.timestamps(), c.values(), from, count);
                keys.add(key);
                chunks.add(chunk);
                counts.add(count);
                size += RECORD_HEADER + 2 + key.length + chunk.length;
                points += count;
            }
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        CRC32 crc = new CRC32();
        for (int i = 0; i < chunks.size(); i++) {
            byte[] key = keys.get(i);
            byte[] chunk = chunks.get(i);
            int payload = 2 + key.length + chunk.length;
            int start = out.position() + RECORD_HEADER;
            out.putInt(payload).putInt(counts.get(i)).putInt(0);
            out.putShort((short) key.length).put(key).put(chunk);
            crc.reset();
            crc.update(out.array(), start, payload);
            out.putInt(start - 4, (int) crc.getValue());
        }
        out.flip();
        try {
            writeFully(channel, out, end);
        } catch (IOException e) {
            sealed = true;
            try {
                channel.truncate(end);
            } catch (IOException ignored) {
                // A torn tail is skipped by every reader: its checksum does not hold.
            }
            throw e;
        }
        end += size;
        unread += points;
    }

    /** Reads whole records from the read offset until at least {@code maxPoints} points or the end. */
    Read read(int maxPoints) throws IOException {
        List<MetricColumns> columns = new ArrayList<>();
        long offset = readOffset;
        int points = 0;
        while (offset < end && points < maxPoints) {
            Record record = record(offset);
            if (record == null) {
                throw new IOException("spill file " + path + " is damaged at offset " + offset);
            }
            columns.add(record.columns);
            points += record.columns.size();
            offset = record.next;
        }
        return new Read(columns, points, offset);
    }

    /** Marks what {@code read} returned as stored, in memory and in the file's header. */
    void commit(Read read) {
        readOffset = read.end();
        unread -= read.points();
        try {
            writeFully(channel, ByteBuffer.allocate(8).putLong(0, readOffset), COMMITTED_AT);
        } catch (IOException e) {
            // Only a later tracker replaying this file reads the mark; without it those points would be
            // stored twice, which the next successful commit prevents.
        }
    }

    private record Record(MetricColumns columns, long next) {
    }

    /** The record at {@code offset}, or null when its length or checksum does not hold. */
    private Record record(long offset) throws IOException {
        if (offset + RECORD_HEADER > channel.size()) {
            return null;
        }
        ByteBuffer head = readFully(offset, RECORD_HEADER);
        int payload = head.getInt();
        int count = head.getInt();
        int checksum = head.getInt();
        if (payload < 2 || payload > MAX_PAYLOAD || count < 0 || count > RECORD_POINTS
                || offset + RECORD_HEADER + payload > channel.size()) {
            return null;
        }
        ByteBuffer body = readFully(offset + RECORD_HEADER, payload);
        CRC32 crc = new CRC32();
        crc.update(body.array(), 0, payload);
        if ((int) crc.getValue() != checksum) {
            return null;
        }
        int keyLength = body.getShort() & 0xffff;
        if (keyLength > MAX_KEY_BYTES || 2 + keyLength > payload) {
            return null;
        }
        String key = new String(body.array(), 2, keyLength, StandardCharsets.UTF_8);
        ChunkCodec.Chunk chunk = ChunkCodec.decode(Arrays.copyOfRange(body.array(), 2 + keyLength, payload));
        if (chunk.count() != count) {
            return null;
        }
        long[] steps = new long[count];
        long[] times = new long[count];
        double[] values = new double[count];
        chunk.copyTo(steps, times, values, 0);
        return new Record(new MetricColumns(runId, key, steps, times, values, count), offset + RECORD_HEADER + payload);
    }

    /** Releases the file for another tracker; what is unread stays in it. */
    void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // Closing the channel releases the lock as well.
        }
        closeQuietly(channel);
    }

    /** Removes the file; called once everything in it is stored. */
    void delete() {
        try {
            // Removed while still locked, so no other tracker can claim it in between.
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // Everything in it is stored and committed: a later tracker finds nothing to replay.
        }
        close();
    }

    // ---- files left by earlier trackers ------------------------------------------------------------

    /**
     * Locks and opens every spill file of this store that no running tracker holds. Files whose points
     * are all stored are deleted; unreadable ones are left alone.
     */
    static List<SpillFile> claimAll(List<Path> folders, String store) {
        List<SpillFile> claimed = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
                for (Path path : files) {
                    SpillFile file = claim(path, store);
                    if (file == null) {
                        continue;
                    }
                    if (file.unread() == 0) {
                        file.delete();
                    } else {
                        claimed.add(file);
                    }
                }
            } catch (IOException e) {
                // A folder that cannot be listed holds nothing this tracker can replay.
            }
        }
        return claimed;
    }

    private static SpillFile claim(Path path, String store) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by a tracker of this process
            }
            if (lock == null) {
                closeQuietly(channel);
                return null;
            }
            ByteBuffer header = ByteBuffer.allocate((int) Math.min(channel.size(), MAX_HEADER));
            while (header.hasRemaining() && channel.read(header, header.position()) > 0) {
                // read until full
            }
            header.flip();
            if (header.remaining() < FIXED_HEADER || !Arrays.equals(Arrays.copyOf(header.array(), MAGIC.length), MAGIC)) {
                lock.release();
                closeQuietly(channel);
                return null;
            }
            header.position(MAGIC.length);
            long committed = header.getLong();
            long epoch = header.getLong();
            long position = header.getLong();
            String fileStore = string(header);
            String runId = string(header);
            String runName = string(header);
            if (!store.equals(fileStore) || runId.isEmpty()) {
                lock.release();
                closeQuietly(channel);
                return null;
            }
            SpillFile file = new SpillFile(path, channel, lock, runId, runName, epoch, position, header.position());
            file.readOffset = Math.max(committed, header.position());
            file.scan();
            return file;
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                closeQuietly(channel);
            }
            return null;
        }
    }

    private static String string(ByteBuffer header) {
        int length = header.getShort() & 0xffff;
        byte[] bytes = new byte[length];
        header.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Counts the whole records after the read offset; a torn tail is cut off. */
    private void scan() throws IOException {
        long offset = readOffset;
        long points = 0;
        while (true) {
            Record record = record(offset);
            if (record == null) {
                break;
            }
            points += record.columns.size();
            offset = record.next;
        }
        end = offset;
        unread = points;
        if (channel.size() > end) {
            channel.truncate(end);
        }
    }

    private ByteBuffer readFully(long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new IOException("spill file " + path + " ends early at offset " + (offset + buffer.position()));
            }
        }
        return buffer.flip();
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer, long offset) throws IOException {
        long at = offset;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing was left unwritten: every write above completed or failed on its own.
        }
    }

    /** An I/O error in a few words, without a stack trace. */
    static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.replace('\n', ' ');
    }

    @Override
    public String toString() {
        return "spill file " + path;
    }
}
