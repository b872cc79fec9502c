package org.labbook.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The contract suite on the embedded store (a real file in a temp folder), plus what only SQLite has. */
class SqliteRunStoreTest extends RunStoreContract {

    @Override
    protected String newStoreUri(Path tempDir) {
        return "sqlite:" + tempDir.resolve("store");
    }

    @Test
    void storeIsOneDatabaseFileInWalModeWithAnArtifactFolder() throws SQLException {
        try (Run run = tracker.start("e", "r")) {
            run.artifact(new byte[] {1, 2, 3}, "a.txt");
        }
        Path folder = tempDir.resolve("store");
        assertThat(folder.resolve("labbook.db")).exists();
        assertThat(folder.resolve("artifacts")).isDirectory();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("labbook.db"));
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*), max(version) FROM schema_version")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(rs.getInt(2)).isPositive();
            }
        }
    }

    @Test
    void metricPointsAreStoredInChunksNotOneRowEach() throws SQLException {
        try (Run run = tracker.start("e", "r")) {
            for (int i = 0; i < 20_000; i++) {
                run.metric("loss", i, i);
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tempDir.resolve("store/labbook.db"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), sum(count) FROM metric_chunks")) {
            rs.next();
            assertThat(rs.getLong(2)).isEqualTo(20_000);
            assertThat(rs.getLong(1)).isLessThan(20);
        }
    }

    @Test
    void artifactContentIsAddressedBySha256AndACorruptedCopyIsDetected() throws IOException {
        ArtifactRef ref;
        try (Run run = tracker.start("e", "r")) {
            ref = run.artifact("weights".getBytes(StandardCharsets.UTF_8), "model.bin");
        }
        Path blob = tempDir.resolve("store/artifacts").resolve(ref.sha256().substring(0, 2)).resolve(ref.sha256().substring(2));
        assertThat(blob).hasContent("weights");
        try (Stream<Path> files = Files.walk(tempDir.resolve("store/artifacts"))) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(1);
        }
        Files.writeString(blob, "weightz");
        assertThatThrownBy(() -> tracker.readArtifact(ref)).isInstanceOf(StoreException.class)
                .hasMessageContaining("corrupt").hasMessageContaining(ref.sha256());
        Path target = tempDir.resolve("copy.bin");
        assertThatThrownBy(() -> tracker.exportArtifact(ref, target)).isInstanceOf(StoreException.class);
        assertThat(target).doesNotExist();
    }

    @Test
    void aPathToTheDatabaseFileOpensItsFolder() {
        String id;
        try (Run run = tracker.start("e", "r")) {
            id = run.id();
        }
        tracker.close();
        tracker = Labbook.open(tempDir.resolve("store/labbook.db").toString(), OPTIONS);
        assertThat(tracker.details(id).name()).isEqualTo("r");
    }

    @Test
    void postgresqlUriGivesAClearErrorWhenNoPostgresqlStoreIsOnTheClassPath() {
        assertThatThrownBy(() -> Labbook.open("postgresql://bob:secret@db.example/labbook", OPTIONS))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("No store serves 'postgresql:'")
                .hasMessageContaining("PostgreSQL")
                .hasMessageNotContaining("secret");
    }
}
