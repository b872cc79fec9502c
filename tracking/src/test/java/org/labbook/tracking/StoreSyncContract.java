package org.labbook.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.tracking.spi.RunStore;
import org.labbook.tracking.spi.Stores;

/**
 * {@link StoreSync} from an embedded store into the backend under test: everything of a run arrives,
 * and a second copy changes nothing; a copy after more logging brings only what is new.
 */
public abstract class StoreSyncContract extends StoreContractSupport {
    @TempDir
    Path sourceDir;

    @Test
    void everythingOfARunArrivesOnceAndASecondCopyChangesNothing() throws Exception {
        String id;
        String child;
        try (Tracker source = Labbook.open("sqlite:" + sourceDir.resolve("laptop"), OPTIONS)) {
            try (Run run = source.start("sync", "parent")) {
                id = run.id();
                run.param("lr", 0.01).param("quote", "it's; -- \\ \"x\"").tag("owner", "ada").note("first try");
                run.note("first try");
                for (int i = 0; i < 1_500; i++) {
                    run.metric("loss", 1.0 / (i + 1), i);
                }
                run.metric("acc", Double.NaN, 0);
                run.artifact(new byte[] {1, 2, 3}, "model.bin");
                try (Run nested = source.newRun("sync").name("child").parent(id).start()) {
                    child = nested.id();
                    nested.metric("loss", 2.0, 0);
                }
                run.end(RunStatus.FAILED);
            }
            List<StoreSync.Progress> progress = new ArrayList<>();
            StoreSync.Result first = StoreSync.copy(source.store(), tracker.store(), progress::add);
            assertThat(first.problems()).isEmpty();
            assertThat(first.runs()).isEqualTo(2);
            assertThat(first.newRuns()).isEqualTo(2);
            assertThat(first.points()).isEqualTo(1_502);
            assertThat(first.notes()).isEqualTo(2);
            assertThat(first.artifacts()).isEqualTo(1);
            assertThat(progress).last().isEqualTo(new StoreSync.Progress(2, 2, 1_502));

            RunDetails copied = tracker.details(id);
            assertThat(copied.name()).isEqualTo("parent");
            assertThat(copied.status()).isEqualTo(RunStatus.FAILED);
            assertThat(copied.params()).containsEntry("quote", "it's; -- \\ \"x\"").containsEntry("lr", "0.01");
            assertThat(copied.tags()).containsEntry("owner", "ada");
            assertThat(tracker.store().notes(id)).extracting(Note::text).containsExactly("first try", "first try");
            assertThat(tracker.history(id, "loss")).isEqualTo(source.history(id, "loss"));
            assertThat(Double.isNaN(tracker.metricSummaries(id).get("acc").latest())).isTrue();
            ArtifactRef artifact = tracker.store().artifacts(id).get(0);
            assertThat(tracker.store().readArtifact(artifact)).containsExactly(1, 2, 3);
            assertThat(tracker.details(child).info().parentRunId()).isEqualTo(id);

            StoreSync.Result second = StoreSync.copy(source.store(), tracker.store(), p -> { });
            assertThat(second.experimentTags()).isZero();
            assertThat(second.changedRuns()).isZero();
            assertThat(second.points()).isZero();
            assertThat(second.describe()).isEqualTo("2 runs checked, all already there; nothing changed");
            assertThat(tracker.metricSummaries(id).get("loss").count()).isEqualTo(1_500);
            assertThat(tracker.store().notes(id)).hasSize(2);
        }
    }

    @Test
    void aCopyAfterMoreLoggingBringsOnlyTheNewPoints() {
        try (RunStore laptop = Stores.open("sqlite:" + sourceDir.resolve("laptop"));
             Tracker source = Tracker.create(laptop, OPTIONS, false)) {
            Run run = source.start("sync", "growing");
            for (int i = 0; i < 100; i++) {
                run.metric("loss", i, i);
            }
            run.flush();
            assertThat(StoreSync.copy(laptop, tracker.store(), p -> { }).points()).isEqualTo(100);
            for (int i = 100; i < 250; i++) {
                run.metric("loss", i, i);
            }
            run.end(RunStatus.FINISHED);
            StoreSync.Result more = StoreSync.copy(laptop, tracker.store(), p -> { });
            assertThat(more.points()).isEqualTo(150);
            assertThat(more.newRuns()).isZero();
            assertThat(tracker.history(run.id(), "loss")).extracting(MetricPoint::step)
                    .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 250).boxed().toList());
            assertThat(tracker.details(run.id()).status()).isEqualTo(RunStatus.FINISHED);
        }
    }

    @Test
    void experimentTagsArriveAndASecondCopyChangesNothing() {
        try (Tracker source = Labbook.open("sqlite:" + sourceDir.resolve("tags"), OPTIONS)) {
            source.start("tagged", "one").close();
            RunStore from = source.store();
            from.setExperimentTag("tagged", new Tag("owner", "ada"));
            from.setExperimentTag("tagged", new Tag("goal", "auc > 0.9"));
            from.createExperiment("runless");
            from.setExperimentTag("runless", new Tag("stage", "planned"));
            tracker.store().createExperiment("tagged");
            tracker.store().setExperimentTag("tagged", new Tag("owner", "bob"));
            tracker.store().setExperimentTag("tagged", new Tag("kept", "yes"));

            StoreSync.Result first = StoreSync.copy(from, tracker.store(), p -> { });
            assertThat(first.experimentTags()).isEqualTo(3);
            assertThat(first.describe()).endsWith("; 3 experiment tags copied");
            assertThat(tracker.store().findExperiment("tagged").orElseThrow().tags())
                    .containsEntry("owner", "ada").containsEntry("goal", "auc > 0.9").containsEntry("kept", "yes");
            assertThat(tracker.store().findExperiment("runless").orElseThrow().tags()).containsEntry("stage", "planned");

            StoreSync.Result second = StoreSync.copy(from, tracker.store(), p -> { });
            assertThat(second.experimentTags()).isZero();
            assertThat(second.describe()).isEqualTo("1 run checked, all already there; nothing changed");
        }
    }

}
