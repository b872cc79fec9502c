package org.labbook.tracking.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
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
 */
public final class Datasets {
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
            MessageDigest digest = ArtifactFolder.sha256();
            try (InputStream in = new DigestInputStream(Files.newInputStream(absolute), digest)) {
                in.transferTo(OutputStreamSink.INSTANCE);
            }
            long rows = -1;
            int columns = -1;
            if (absolute.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                long[] shape = csvShape(absolute);
                rows = shape[0];
                columns = (int) shape[1];
            }
            return new DatasetInput(name, absolute.toString(), HexFormat.of().formatHex(digest.digest()),
                    Files.size(absolute), rows, columns);
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
            MessageDigest fileDigest = ArtifactFolder.sha256();
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), fileDigest)) {
                in.transferTo(OutputStreamSink.INSTANCE);
            }
            String relative = folder.relativize(file).toString().replace('\\', '/');
            listing.update((relative + "\0" + HexFormat.of().formatHex(fileDigest.digest()) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            size += Files.size(file);
        }
        return new DatasetInput(name, folder.toString(), HexFormat.of().formatHex(listing.digest()), size, -1, -1);
    }

    /** Rows without the header, and the header's column count (quoted commas are not separators). */
    private static long[] csvShape(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null) {
                return new long[] {0, 0};
            }
            long rows = 0;
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isEmpty()) {
                    rows++;
                }
            }
            return new long[] {rows, countColumns(header)};
        } catch (java.nio.charset.MalformedInputException e) {
            return new long[] {-1, -1}; // not UTF-8 text: keep the digest, skip the shape
        }
    }

    static int countColumns(String header) {
        int columns = 1;
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                columns++;
            }
        }
        return columns;
    }

    /** Discards bytes; the digest stream around it is what we want. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
