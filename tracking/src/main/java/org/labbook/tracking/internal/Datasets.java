package org.labbook.tracking.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.labbook.tracking.DatasetInput;
import org.labbook.tracking.StoreException;
import org.labbook.tracking.ValidationException;

/**
 * Describes a dataset on disk so a run can say exactly which data it read: a SHA-256 of a file's
 * bytes, or for a folder a SHA-256 over the sorted relative paths and each file's own digest (so a
 * renamed or changed file changes the digest, and the order files are listed in does not). CSV files
 * also get their row count (without the header) and column count.
 *
 * <p>A file is read once, in fixed-size buffers, whatever its size or the length of its lines: a
 * dataset of one multi-gigabyte line must not exhaust the heap of the notebook that logs it.
 */
public final class Datasets {
    private static final int BUFFER = 64 * 1024;

    private Datasets() {
    }

    public static DatasetInput describe(Path path, String name) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            if (Files.isDirectory(absolute)) {
                return describeFolder(absolute, name);
            }
            if (!Files.exists(absolute)) {
                throw new NoSuchFileException(absolute.toString());
            }
            boolean csv = absolute.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
            CsvShape shape = csv ? new CsvShape() : null;
            String digest = digest(absolute, shape);
            return new DatasetInput(name, absolute.toString(), digest, Files.size(absolute),
                    csv ? shape.rows() : -1, csv ? shape.columns() : -1);
        } catch (NoSuchFileException e) {
            throw new ValidationException("Dataset '" + name + "' not found at " + absolute
                    + ". Give the path of an existing file or folder.");
        } catch (IOException e) {
            throw new StoreException("Cannot read dataset '" + name + "' at " + absolute + ": " + e.getMessage(), e);
        }
    }

    private static DatasetInput describeFolder(Path folder, String name) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        MessageDigest listing = ArtifactFolder.sha256();
        long size = 0;
        for (Path file : files) {
            String relative = folder.relativize(file).toString().replace('\\', '/');
            listing.update((relative + "\0" + digest(file, null) + "\n").getBytes(StandardCharsets.UTF_8));
            size += Files.size(file);
        }
        return new DatasetInput(name, folder.toString(), HexFormat.of().formatHex(listing.digest()), size, -1, -1);
    }

    /** The file's SHA-256 in hex, feeding the same bytes to {@code shape} when there is one. */
    private static String digest(Path file, CsvShape shape) throws IOException {
        MessageDigest digest = ArtifactFolder.sha256();
        ByteBuffer bytes = ByteBuffer.allocate(BUFFER);
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            while (true) {
                // The bytes before position are the start of a character split by the last read, already hashed.
                int start = bytes.position();
                int read = channel.read(bytes);
                if (read < 0) {
                    break;
                }
                digest.update(bytes.array(), start, read);
                if (shape == null) {
                    bytes.clear();
                } else {
                    bytes.flip();
                    shape.accept(bytes, false);
                    bytes.compact();
                }
            }
        }
        if (shape != null) {
            bytes.flip();
            shape.accept(bytes, true);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Rows without the header, and the header's column count (quoted commas are not separators), counted
     * as the text streams past. A line ends at {@code \n}, {@code \r} or {@code \r\n}; empty lines are not
     * rows. Text that is not UTF-8 has no shape: the digest is kept and rows and columns are -1.
     */
    static final class CsvShape {
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        private final CharBuffer chars = CharBuffer.allocate(BUFFER);
        private boolean utf8 = true;
        private boolean empty = true;
        private boolean inHeader = true;
        private boolean quoted;
        private boolean lineHasText;
        private boolean afterCarriageReturn;
        private long columns = 1;
        private long rows;

        /**
         * Decodes and counts what it can of {@code bytes}; the bytes of a character cut by the end of the
         * buffer stay in it for the next call. {@code last} says no more bytes follow.
         */
        void accept(ByteBuffer bytes, boolean last) {
            while (utf8) {
                CoderResult result = decoder.decode(bytes, chars, last);
                if (result.isError()) {
                    utf8 = false;
                    break;
                }
                chars.flip();
                count(chars);
                chars.clear();
                if (result.isUnderflow()) {
                    return;
                }
            }
            // Past the first bad byte nothing is counted, but the bytes are taken so the reader moves on.
            bytes.position(bytes.limit());
        }

        long rows() {
            if (!utf8) {
                return -1;
            }
            return lineHasText ? rows + 1 : rows;
        }

        int columns() {
            if (!utf8) {
                return -1;
            }
            return empty ? 0 : (int) Math.min(columns, Integer.MAX_VALUE);
        }

        private void count(CharBuffer text) {
            if (text.hasRemaining()) {
                empty = false;
            }
            while (text.hasRemaining()) {
                char c = text.get();
                if (afterCarriageReturn) {
                    afterCarriageReturn = false;
                    if (c == '\n') {
                        continue;
                    }
                }
                if (c == '\n' || c == '\r') {
                    if (lineHasText) {
                        rows++;
                    }
                    inHeader = false;
                    lineHasText = false;
                    afterCarriageReturn = c == '\r';
                } else if (inHeader) {
                    if (c == '"') {
                        quoted = !quoted;
                    } else if (c == ',' && !quoted) {
                        columns++;
                    }
                } else {
                    lineHasText = true;
                }
            }
        }
    }
}
