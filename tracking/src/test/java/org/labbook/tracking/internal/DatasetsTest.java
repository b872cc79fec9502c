package org.labbook.tracking.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.labbook.tracking.DatasetInput;

/** Digests and CSV shapes of real files, including one far larger than the heap that reads it. */
class DatasetsTest {

    @TempDir
    Path tempDir;

    @ParameterizedTest(name = "[{index}] {0}  ->  {1} rows, {2} columns")
    @CsvSource(delimiterString = " | ", quoteCharacter = '~', textBlock = """
            id,"name, full",label\\n1,"a, b",0\\n2,c,1\\n  | 2 | 3
            ~~                                          | 0 | 0
            a,b                                         | 0 | 2
            a,b\\n                                      | 0 | 2
            a,b\\r\\n1,2\\r\\n\\r\\n3,4                 | 2 | 2
            a\\r1\\r2                                   | 2 | 1
            a\\n\\r\\n1                                 | 1 | 1
            \\n1\\n                                     | 1 | 1
            "a\\nb",c\\n1,2\\n                          | 2 | 1
            ,,\\n,,\\n                                  | 1 | 3
            "",",",""\\n1,2,3                           | 1 | 3
            """)
    void csvRowsExcludeTheHeaderAndEmptyLinesAndColumnsSkipQuotedCommas(String content, long rows, int columns)
            throws IOException {
        Path csv = Files.writeString(tempDir.resolve("data.csv"), content.replace("\\n", "\n").replace("\\r", "\r"));

        DatasetInput input = Datasets.describe(csv, "data");

        assertThat(input.rows()).isEqualTo(rows);
        assertThat(input.columns()).isEqualTo(columns);
        assertThat(input.size()).isEqualTo(Files.size(csv));
        assertThat(input.sha256()).isEqualTo(sha256(Files.readAllBytes(csv)));
    }

    @Test
    void aCharacterSplitAcrossTheReadBufferIsStillText() throws IOException {
        // 'é' is two bytes; placing it at every offset around 64 KiB puts one of them across the buffer's end.
        for (int at = 65_530; at < 65_540; at++) {
            String header = "a".repeat(at) + "é,b";
            Path csv = Files.writeString(tempDir.resolve("split.csv"), header + "\n1,2\n");

            DatasetInput input = Datasets.describe(csv, "split");

            assertThat(input.columns()).as("é at byte %d", at).isEqualTo(2);
            assertThat(input.rows()).isEqualTo(1);
        }
    }

    @Test
    void aCsvThatIsNotUtf8KeepsItsDigestButHasNoShape() throws IOException {
        byte[] latin1 = "name\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        Path csv = Files.write(tempDir.resolve("latin1.csv"), latin1);

        DatasetInput input = Datasets.describe(csv, "latin1");

        assertThat(input.rows()).isEqualTo(-1);
        assertThat(input.columns()).isEqualTo(-1);
        assertThat(input.sha256()).isEqualTo(sha256(latin1));
    }

    @Test
    void aCsvEndingInTheMiddleOfACharacterHasNoShape() throws IOException {
        byte[] bytes = "a,b\n1,é".getBytes(StandardCharsets.UTF_8);
        Path csv = Files.write(tempDir.resolve("cut.csv"), Arrays.copyOf(bytes, bytes.length - 1));

        assertThat(Datasets.describe(csv, "cut").rows()).isEqualTo(-1);
    }

    @Test
    void aFileThatIsNotACsvHasADigestAndNoShape() throws IOException {
        Path bin = Files.write(tempDir.resolve("weights.bin"), new byte[] {1, 2, 3, '\n', 4});

        DatasetInput input = Datasets.describe(bin, "weights");

        assertThat(input.rows()).isEqualTo(-1);
        assertThat(input.columns()).isEqualTo(-1);
        assertThat(input.sha256()).isEqualTo(sha256(new byte[] {1, 2, 3, '\n', 4}));
    }

    @Test
    void aOneLineCsvOf64MegabytesIsDescribedByAJvmWithA32MegabyteHeap() throws Exception {
        Path csv = tempDir.resolve("wide.csv");
        MessageDigest digest = ArtifactFolder.sha256();
        byte[] chunk = ",c".repeat(32 * 1024).getBytes(StandardCharsets.US_ASCII);
        byte[] first = "\"quoted, comma\"".getBytes(StandardCharsets.US_ASCII);
        int chunks = 1024;
        try (OutputStream out = Files.newOutputStream(csv)) {
            out.write(first);
            digest.update(first);
            for (int i = 0; i < chunks; i++) {
                out.write(chunk);
                digest.update(chunk);
            }
        }
        long size = first.length + (long) chunk.length * chunks;
        assertThat(Files.size(csv)).isEqualTo(size).isGreaterThanOrEqualTo(64L << 20);

        Process child = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                DatasetsChild.class.getName(), csv.toString()))
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(output).isEqualTo("0 " + (1 + 32 * 1024 * chunks) + " " + size + " "
                + HexFormat.of().formatHex(digest.digest()));
        assertThat(child.exitValue()).isZero();
    }

    @Test
    void aFolderDigestChangesWhenAFileIsRenamedButNotWithTheOrderFilesAreMadeIn() throws IOException {
        Path first = Files.createDirectories(tempDir.resolve("first"));
        Files.writeString(first.resolve("a.txt"), "a");
        Files.writeString(Files.createDirectories(first.resolve("sub")).resolve("b.txt"), "b");
        Path second = Files.createDirectories(tempDir.resolve("second"));
        Files.writeString(Files.createDirectories(second.resolve("sub")).resolve("b.txt"), "b");
        Files.writeString(second.resolve("a.txt"), "a");

        DatasetInput one = Datasets.describe(first, "one");
        DatasetInput two = Datasets.describe(second, "two");
        Files.move(second.resolve("a.txt"), second.resolve("c.txt"));

        assertThat(one.sha256()).isEqualTo(two.sha256());
        assertThat(one.size()).isEqualTo(2);
        assertThat(Datasets.describe(second, "two").sha256()).isNotEqualTo(one.sha256());
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(ArtifactFolder.sha256().digest(bytes));
    }
}
