package org.labbook.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.tracking.spi.MetricColumns;

/** The spill file on a real file system: what goes in comes back in order, bit for bit, exactly once. */
class SpillFileTest {
    private static final String STORE = "sqlite:/data/team-store";

    @TempDir
    Path tempDir;

    @Test
    void pointsComeBackInOrderBitForBitAndWhatIsLeftGoesToTheNextTrackerOfTheSameStore() throws IOException {
        List<Path> folders = List.of(tempDir.resolve("spill"));
        SpillFile file = SpillFile.create(folders, STORE, "run1", "lr-sweep", 42, 7);
        MetricColumns loss = columns("loss", new long[] {0, 1, 5}, new long[] {10, 11, 12},
                new double[] {0.5, Double.NaN, Double.NEGATIVE_INFINITY});
        MetricColumns acc = columns("acc", new long[] {3, 3}, new long[] {10, 4_000_000_000_000L}, new double[] {-0.0, 1e300});
        MetricColumns later = columns("loss", new long[] {6}, new long[] {13}, new double[] {0.25});
        file.append(List.of(loss, acc));
        file.append(List.of(later));
        assertThat(file.unread()).isEqualTo(6);

        SpillFile.Read first = file.read(1);
        assertThat(first.columns()).singleElement().satisfies(c -> assertSame(c, loss));
        file.commit(first);
        // Held by this tracker: nobody else may take it, and another store never does.
        assertThat(SpillFile.claimAll(folders, STORE)).isEmpty();
        file.close();
        assertThat(SpillFile.claimAll(folders, "sqlite:/somewhere/else")).isEmpty();

        List<SpillFile> claimed = SpillFile.claimAll(folders, STORE);
        assertThat(claimed).hasSize(1);
        SpillFile again = claimed.get(0);
        assertThat(again.runId()).isEqualTo("run1");
        assertThat(again.runName()).isEqualTo("lr-sweep");
        assertThat(again.epoch()).isEqualTo(42);
        assertThat(again.position()).isEqualTo(7);
        assertThat(again.unread()).isEqualTo(3);
        SpillFile.Read rest = again.read(1000);
        assertThat(rest.columns()).hasSize(2);
        assertSame(rest.columns().get(0), acc);
        assertSame(rest.columns().get(1), later);
        again.commit(rest);
        assertThat(again.unread()).isZero();
        again.delete();
        assertThat(Files.list(folders.get(0))).isEmpty();
    }

    @Test
    void aRecordTornByAKilledProcessIsCutOffAndTheWholeOnesBeforeItAreKept() throws IOException {
        List<Path> folders = List.of(tempDir.resolve("spill"));
        SpillFile file = SpillFile.create(folders, STORE, "run1", "r", 1, 0);
        MetricColumns whole = columns("loss", new long[] {0, 1}, new long[] {5, 6}, new double[] {1, 2});
        file.append(List.of(whole));
        file.append(List.of(columns("loss", new long[] {2, 3}, new long[] {7, 8}, new double[] {3, 4})));
        file.close();
        long size = Files.size(file.path());
        try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.WRITE)) {
            channel.truncate(size - 5);
        }

        SpillFile claimed = SpillFile.claimAll(folders, STORE).get(0);
        assertThat(claimed.unread()).isEqualTo(2);
        assertThat(claimed.read(1000).columns()).singleElement().satisfies(c -> assertSame(c, whole));
        claimed.close();
    }

    @Test
    void aFolderThatCannotTakeAFileIsPassedOverAndWhenNoneCanTheErrorNamesEach() throws IOException {
        Path notAFolder = tempDir.resolve("not-a-folder");
        Files.writeString(notAFolder, "a plain file where the spill folder should be");
        Path fallback = tempDir.resolve("fallback");
        SpillFile file = SpillFile.create(List.of(notAFolder.resolve("spill"), fallback), STORE, "run1", "r", 1, 0);
        assertThat(file.path().getParent()).isEqualTo(fallback);
        file.delete();

        assertThatThrownBy(() -> SpillFile.create(List.of(notAFolder.resolve("one"), notAFolder.resolve("two")), STORE,
                "run1", "r", 1, 0)).isInstanceOf(IOException.class)
                .hasMessageContaining(notAFolder.resolve("one").toString())
                .hasMessageContaining(notAFolder.resolve("two").toString());
    }

    private static MetricColumns columns(String key, long[] steps, long[] times, double[] values) {
        return new MetricColumns("run1", key, steps, times, values, steps.length);
    }

    private static void assertSame(MetricColumns actual, MetricColumns expected) {
        assertThat(actual.key()).isEqualTo(expected.key());
        assertThat(actual.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.steps()[i]).isEqualTo(expected.steps()[i]);
            assertThat(actual.timestamps()[i]).isEqualTo(expected.timestamps()[i]);
            assertThat(Double.doubleToRawLongBits(actual.values()[i])).isEqualTo(Double.doubleToRawLongBits(expected.values()[i]));
        }
    }
}
