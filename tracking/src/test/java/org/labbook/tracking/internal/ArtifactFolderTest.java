package org.labbook.tracking.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.io.TempDirFactory;
import org.labbook.tracking.StoreException;
import org.labbook.tracking.ValidationException;

/** The artifact folder on a real file system: what put, read and export leave on disk when things go wrong. */
class ArtifactFolderTest {

    @TempDir
    Path tempDir;

    /** A folder in /dev/shm, a tmpfs: another file system than the temp dir, so renames between them are not atomic. */
    @TempDir(factory = SharedMemory.class)
    Path otherFileSystem;

    @Test
    void putStoresTheContentUnderItsHashAndLeavesNoPartFile() throws IOException {
        ArtifactFolder folder = new ArtifactFolder(tempDir.resolve("artifacts"));

        ArtifactFolder.Stored stored = put(folder, "weights");

        assertThat(stored).isEqualTo(new ArtifactFolder.Stored(sha256("weights"), 7));
        assertThat(folder.pathOf(stored.sha256())).hasContent("weights");
        assertThat(regularFiles(tempDir)).containsExactly(folder.pathOf(stored.sha256()));
    }

    @Test
    void aBlobCorruptedOnDiskWithItsSizeUnchangedIsRepairedByStoringTheContentAgain() throws IOException {
        ArtifactFolder folder = new ArtifactFolder(tempDir.resolve("artifacts"));
        ArtifactFolder.Stored stored = put(folder, "weights");
        Path blob = folder.pathOf(stored.sha256());
        Files.writeString(blob, "weightz");
        assertThatThrownBy(() -> folder.read(stored.sha256(), stored.size())).hasMessageContaining("is corrupt");

        assertThat(put(folder, "weights")).isEqualTo(stored);

        assertThat(blob).hasContent("weights");
        assertThat(folder.read(stored.sha256(), stored.size())).asString(StandardCharsets.UTF_8).isEqualTo("weights");
        assertThat(regularFiles(tempDir)).containsExactly(blob);
    }

    @Test
    void aTruncatedBlobIsRepairedByStoringTheContentAgain() throws IOException {
        ArtifactFolder folder = new ArtifactFolder(tempDir.resolve("artifacts"));
        ArtifactFolder.Stored stored = put(folder, "weights");
        Files.writeString(folder.pathOf(stored.sha256()), "wei");

        put(folder, "weights");

        assertThat(folder.read(stored.sha256(), stored.size())).asString(StandardCharsets.UTF_8).isEqualTo("weights");
    }

    @Test
    void anIntactBlobIsKeptWhenTheSameContentIsStoredAgain() throws IOException {
        ArtifactFolder folder = new ArtifactFolder(tempDir.resolve("artifacts"));
        ArtifactFolder.Stored stored = put(folder, "weights");
        Path blob = folder.pathOf(stored.sha256());
        Object inode = Files.getAttribute(blob, "unix:ino");

        put(folder, "weights");

        assertThat(Files.getAttribute(blob, "unix:ino")).as("the same file, not a replacement").isEqualTo(inode);
        assertThat(regularFiles(tempDir)).containsExactly(blob);
    }

    @Test
    void aStagingFolderOnAnotherFileSystemFallsBackToACopyAndTheBlobIsThere() throws IOException {
        assertThat(Files.getFileStore(otherFileSystem)).as("/dev/shm must be another file system than %s", tempDir)
                .isNotEqualTo(Files.getFileStore(tempDir));
        Path root = Files.createDirectories(tempDir.resolve("artifacts"));
        // The staging folder linked to another disk, so the rename into place cannot be atomic.
        Files.createSymbolicLink(root.resolve("tmp"), otherFileSystem);
        ArtifactFolder folder = new ArtifactFolder(root);

        ArtifactFolder.Stored stored = put(folder, "weights");

        assertThat(folder.pathOf(stored.sha256())).hasContent("weights");
        assertThat(folder.read(stored.sha256(), stored.size())).asString(StandardCharsets.UTF_8).isEqualTo("weights");
        assertThat(regularFiles(tempDir)).containsExactly(folder.pathOf(stored.sha256()));
        assertThat(regularFiles(otherFileSystem)).isEmpty();

        Files.writeString(folder.pathOf(stored.sha256()), "weightz");
        put(folder, "weights");

        assertThat(folder.pathOf(stored.sha256())).hasContent("weights");
        assertThat(regularFiles(tempDir)).containsExactly(folder.pathOf(stored.sha256()));
    }

    @Test
    void threadsStoringTheSameContentAtOnceAllGetTheBlob() throws Exception {
        ArtifactFolder folder = new ArtifactFolder(tempDir.resolve("artifacts"));
        byte[] content = new byte[1 << 20];
        new Random(42).nextBytes(content);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<ArtifactFolder.Stored>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> folder.put(new ByteArrayInputStream(content))));
            }
            for (Future<ArtifactFolder.Stored> result : results) {
                assertThat(result.get().size()).isEqualTo(content.length);
            }
        } finally {
            pool.shutdownNow();
        }
        String sha256 = results.get(0).get().sha256();
        assertThat(folder.read(sha256, content.length)).isEqualTo(content);
        assertThat(regularFiles(tempDir)).containsExactly(folder.pathOf(sha256));
    }

    @Test
    void exportReplacesAnExistingTargetWithTheCheckedCopy() throws IOException {
        ArtifactFolder folder = new ArtifactFolder(tempDir.resolve("artifacts"));
        ArtifactFolder.Stored stored = put(folder, "weights");
        Path target = Files.writeString(Files.createDirectories(tempDir.resolve("out")).resolve("model.bin"), "old model");

        assertThat(folder.export(stored.sha256(), stored.size(), target)).isEqualTo(target);

        assertThat(target).hasContent("weights");
        assertThat(regularFiles(tempDir.resolve("out"))).containsExactly(target);
    }

    @Test
    void exportOfACorruptBlobLeavesTheExistingTargetUntouchedAndNoPartialFile() throws IOException {
        ArtifactFolder folder = new ArtifactFolder(tempDir.resolve("artifacts"));
        ArtifactFolder.Stored stored = put(folder, "weights");
        Files.writeString(folder.pathOf(stored.sha256()), "weightz");
        Path target = Files.writeString(Files.createDirectories(tempDir.resolve("out")).resolve("model.bin"), "old model");

        assertThatThrownBy(() -> folder.export(stored.sha256(), stored.size(), target))
                .isInstanceOf(StoreException.class).hasMessageContaining("is corrupt")
                .hasMessageContaining("Log the artifact again");

        assertThat(target).hasContent("old model");
        assertThat(regularFiles(tempDir.resolve("out"))).containsExactly(target);
    }

    @Test
    void exportOfACorruptBlobToANewPathCreatesNoFile() throws IOException {
        ArtifactFolder folder = new ArtifactFolder(tempDir.resolve("artifacts"));
        ArtifactFolder.Stored stored = put(folder, "weights");
        Files.writeString(folder.pathOf(stored.sha256()), "weightz");
        Path target = tempDir.resolve("out/model.bin");

        assertThatThrownBy(() -> folder.export(stored.sha256(), stored.size(), target)).isInstanceOf(StoreException.class);

        assertThat(regularFiles(tempDir.resolve("out"))).isEmpty();
    }

    @Test
    void exportThroughASymbolicLinkWritesTheFileItPointsTo() throws IOException {
        ArtifactFolder folder = new ArtifactFolder(tempDir.resolve("artifacts"));
        ArtifactFolder.Stored stored = put(folder, "weights");
        Path real = Files.writeString(tempDir.resolve("real.bin"), "old model");
        Path link = Files.createSymbolicLink(tempDir.resolve("link.bin"), real);

        folder.export(stored.sha256(), stored.size(), link);

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(real).hasContent("weights");
    }

    @Test
    void exportToAFolderIsRejectedWithOneLineNamingTheFix() throws IOException {
        ArtifactFolder folder = new ArtifactFolder(tempDir.resolve("artifacts"));
        ArtifactFolder.Stored stored = put(folder, "weights");
        Path out = Files.createDirectories(tempDir.resolve("out"));

        assertThatThrownBy(() -> folder.export(stored.sha256(), stored.size(), out))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("it is a folder. Give the path of the file to write")
                .hasMessageNotContaining("\n");
        assertThat(out).isEmptyDirectory();
    }

    private static ArtifactFolder.Stored put(ArtifactFolder folder, String content) {
        return folder.put(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Path> regularFiles(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static String sha256(String content) {
        return HexFormat.of().formatHex(ArtifactFolder.sha256().digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    static final class SharedMemory implements TempDirFactory {
        @Override
        public Path createTempDirectory(AnnotatedElementContext elementContext, ExtensionContext extensionContext)
                throws IOException {
            return Files.createTempDirectory(Path.of("/dev/shm"), "labbook-artifacts-");
        }
    }
}
