package org.labbook.tracking.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.tracking.ArtifactRef;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.NotFoundException;
import org.labbook.tracking.Run;
import org.labbook.tracking.StoreException;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.TrackerOptions;
import org.labbook.tracking.ValidationException;

/** Artifact content in the database: chunked, stored once, checked on every read; or in a shared folder. */
class DatabaseBlobStoreTest {
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();
    private static final TrackerOptions OPTIONS = TrackerOptions.defaults().withShutdownHook(false);

    @TempDir
    Path tempDir;

    private String uri;
    private Tracker tracker;

    @AfterEach
    void close() {
        if (tracker != null) {
            tracker.close();
        }
    }

    @Test
    void contentIsStoredOnceInChunksAndReadBackWhole() throws Exception {
        open(POSTGRES.newSchema());
        byte[] model = randomBytes(3 * DatabaseBlobStore.CHUNK_BYTES + 12_345);
        Path file = Files.write(tempDir.resolve("model.bin"), model);
        ArtifactRef first;
        ArtifactRef second;
        try (Run a = tracker.start("e", "a"); Run b = tracker.start("e", "b")) {
            first = a.artifact(file);
            second = b.artifact(model, "copy.bin");
        }
        assertThat(second.sha256()).isEqualTo(first.sha256());
        assertThat(count("SELECT count(*) FROM blobs")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM blob_chunks")).isEqualTo(4);
        assertThat(count("SELECT max(length(data)) FROM blob_chunks")).isEqualTo(DatabaseBlobStore.CHUNK_BYTES);
        assertThat(tracker.readArtifact(second)).isEqualTo(model);
        assertThat(Files.readAllBytes(tracker.exportArtifact(first, tempDir.resolve("out/model.bin")))).isEqualTo(model);
        ArtifactRef empty;
        try (Run c = tracker.start("e", "c")) {
            empty = c.artifact(new byte[0], "empty.txt");
        }
        assertThat(tracker.readArtifact(empty)).isEmpty();
    }

    @Test
    void damagedContentIsRefusedOnReadAndExportAndStoringItAgainRepairsIt() throws Exception {
        open(POSTGRES.newSchema());
        byte[] model = randomBytes(2 * DatabaseBlobStore.CHUNK_BYTES);
        ArtifactRef ref;
        try (Run run = tracker.start("e", "r")) {
            ref = run.artifact(model, "model.bin");
        }
        POSTGRES.execute(PostgresServer.databaseOf(uri), "UPDATE " + table("blob_chunks")
                + " SET data = overlay(data placing '\\x00'::bytea from 10) WHERE seq = 1");
        assertThatThrownBy(() -> tracker.readArtifact(ref)).isInstanceOf(StoreException.class)
                .hasMessageContaining("is corrupt").hasMessageContaining(ref.sha256());
        Path target = Files.writeString(tempDir.resolve("kept.bin"), "previous export");
        assertThatThrownBy(() -> tracker.exportArtifact(ref, target)).isInstanceOf(StoreException.class)
                .hasMessageContaining("is corrupt");
        assertThat(target).hasContent("previous export");
        try (Stream<Path> files = Files.list(tempDir)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".part"))).isEmpty();
        }

        try (Run again = tracker.start("e", "again")) {
            again.artifact(model, "model.bin");
        }
        assertThat(tracker.readArtifact(ref)).isEqualTo(model);
    }

    @Test
    void contentDeletedByHandIsReportedMissing() {
        open(POSTGRES.newSchema());
        ArtifactRef ref;
        try (Run run = tracker.start("e", "r")) {
            ref = run.artifact(new byte[] {1, 2, 3}, "a.txt");
        }
        POSTGRES.execute(PostgresServer.databaseOf(uri), "DELETE FROM " + table("blob_chunks"), "DELETE FROM " + table("blobs"));
        assertThatThrownBy(() -> tracker.readArtifact(ref)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("is missing from the PostgreSQL store");
    }

    @Test
    void sharedArtifactFolderKeepsContentOutOfTheDatabase() throws Exception {
        Path shared = Files.createDirectories(tempDir.resolve("shared"));
        open(POSTGRES.newSchema() + "&artifacts=" + shared);
        ArtifactRef ref;
        try (Run run = tracker.start("e", "r")) {
            ref = run.artifact("weights".getBytes(), "model.bin");
        }
        assertThat(shared.resolve(ref.sha256().substring(0, 2)).resolve(ref.sha256().substring(2))).hasContent("weights");
        assertThat(count("SELECT count(*) FROM blobs")).isZero();
        assertThat(tracker.readArtifact(ref)).asString().isEqualTo("weights");
    }

    @Test
    void sharedArtifactFolderThatIsNotThereIsNeverCreated() {
        Path missing = tempDir.resolve("not-mounted/labbook");
        assertThatThrownBy(() -> Labbook.open(POSTGRES.newSchema() + "&artifacts=" + missing, OPTIONS))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("The artifact folder " + missing).hasMessageContaining("does not exist")
                .hasMessageContaining("Mount the shared folder");
        assertThat(missing).doesNotExist();
        assertThatThrownBy(() -> Labbook.open(POSTGRES.newSchema() + "&artifacts=relative/folder", OPTIONS))
                .isInstanceOf(ValidationException.class).hasMessageContaining("relative path");
    }

    private void open(String storeUri) {
        uri = storeUri;
        tracker = Labbook.open(uri, OPTIONS);
    }

    private String table(String name) {
        return PostgresServer.schemaOf(uri) + "." + name;
    }

    private long count(String sql) throws SQLException {
        try (Connection c = POSTGRES.admin(PostgresServer.databaseOf(uri)); Statement s = c.createStatement()) {
            s.execute("SET search_path = " + PostgresServer.schemaOf(uri));
            try (ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }
}
