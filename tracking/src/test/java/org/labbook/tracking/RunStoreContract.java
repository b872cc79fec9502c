package org.labbook.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.tracking.query.FilterSyntaxException;
import org.labbook.tracking.spi.MetricColumns;
import org.labbook.tracking.spi.RunStore;
import org.labbook.tracking.spi.NewRun;

/**
 * The behaviour every {@link RunStore} backend must have, driven through the public API. A backend's
 * test extends this class and says how to reach a fresh, empty store; nothing here knows which
 * backend it runs on. The PostgreSQL store will run this suite unchanged.
 */
public abstract class RunStoreContract {
    /** Short heartbeat settings so crash detection is testable without long waits. */
    protected static final TrackerOptions OPTIONS = TrackerOptions.defaults()
            .withFlushInterval(Duration.ofMillis(50))
            .withHeartbeat(Duration.ofMillis(200), Duration.ofSeconds(30))
            .withShutdownHook(false);

    @TempDir
    protected Path tempDir;

    protected Tracker tracker;

    /** A URI for a new, empty store of the backend under test. */
    protected abstract String newStoreUri(Path tempDir);

    @BeforeEach
    void openStore() {
        tracker = Labbook.open(newStoreUri(tempDir), OPTIONS);
    }

    @AfterEach
    void closeStore() {
        tracker.close();
    }

    // ---- lifecycle ----------------------------------------------------------------------------------

    @Test
    void startedRunIsRunningAndClosingItMarksItFinished() {
        Run run = tracker.start("fraud/baseline", "lr-sweep-v2");
        RunInfo info = tracker.run(run.id()).info();
        assertThat(info.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(info.name()).isEqualTo("lr-sweep-v2");
        assertThat(info.experimentName()).isEqualTo("fraud/baseline");
        assertThat(info.endTime()).isNull();
        assertThat(run.id()).matches("[0-9a-f]{32}");

        run.close();

        RunInfo ended = tracker.run(run.id()).info();
        assertThat(ended.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(ended.endTime()).isNotNull();
    }

    @Test
    void runWithoutANameGetsAGeneratedOne() {
        try (Run run = tracker.start("e", null)) {
            assertThat(run.name()).matches("[a-z]+-[a-z]+-\\d{3}");
        }
    }

    @Test
    void bodyThatThrowsEndsTheRunFailedAndRecordsTheError() {
        String[] id = new String[1];
        assertThatThrownBy(() -> tracker.run("e", "boom", run -> {
            id[0] = run.id();
            run.metric("loss", 1.0, 0);
            throw new IllegalStateException("diverged");
        })).isInstanceOf(IllegalStateException.class);

        RunDetails details = tracker.run(id[0]);
        assertThat(details.status()).isEqualTo(RunStatus.FAILED);
        assertThat(details.tags().get("labbook.error")).isEqualTo("java.lang.IllegalStateException: diverged");
        assertThat(details.metrics().get("loss").count()).isEqualTo(1);
    }

    @Test
    void failInACatchBlockWinsOverTheFinishedOfClose() {
        String id;
        try (Run run = tracker.start("e", "r")) {
            id = run.id();
            try {
                throw new IllegalArgumentException("bad data");
            } catch (IllegalArgumentException e) {
                run.fail(e);
            }
        }
        assertThat(tracker.run(id).status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void endedRunRejectsFurtherLoggingWithAClearMessage() {
        Run run = tracker.start("e", "r");
        run.end(RunStatus.KILLED);
        assertThat(tracker.run(run.id()).status()).isEqualTo(RunStatus.KILLED);
        assertThatThrownBy(() -> run.metric("loss", 1, 1)).isInstanceOf(TrackingException.class)
                .hasMessageContaining("has ended (KILLED)");
        assertThatThrownBy(() -> run.param("a", 1)).isInstanceOf(TrackingException.class);
    }

    @Test
    void closingTheTrackerFinishesItsRunsAndStoresTheirMetrics() {
        Run run = tracker.start("e", "r");
        for (int i = 0; i < 1000; i++) {
            run.metric("loss", i, i);
        }
        tracker.close();
        tracker = Labbook.open(newStoreUri(tempDir), OPTIONS);
        RunDetails details = tracker.run(run.id());
        assertThat(details.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(details.metrics().get("loss").count()).isEqualTo(1000);
    }

    @Test
    void nestedRunRecordsItsParent() {
        try (Run parent = tracker.start("sweep", "parent"); Run child = parent.startChild("fold-1")) {
            RunInfo info = tracker.run(child.id()).info();
            assertThat(info.parentRunId()).isEqualTo(parent.id());
            assertThat(info.experimentName()).isEqualTo("sweep");
            assertThat(tracker.runs(RunQuery.all().filter("attributes.parent_run_id = '" + parent.id() + "'"))
                    .runs()).extracting(RunDetails::id).containsExactly(child.id());
        }
    }

    @Test
    void childOfAnUnknownParentIsNotFound() {
        assertThatThrownBy(() -> tracker.newRun("e").parent("nope").start()).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'nope'");
    }

    @Test
    void sourceUserAndInitialTagsAreStored() {
        try (Run run = tracker.newRun("e").name("r").user("alice").source(RunSource.notebook("nb/train.ipynb", "k-1")
                .withGitCommit("abc123")).tag("team", "fraud").start()) {
            RunDetails details = tracker.run(run.id());
            assertThat(details.info().user()).isEqualTo("alice");
            assertThat(details.info().source()).isEqualTo(new RunSource("nb/train.ipynb", "k-1", null, "abc123"));
            assertThat(details.tags()).containsEntry("team", "fraud");
        }
    }

    @Test
    void resumedRunReadsRunningAgainAndContinuesAutoSteps() {
        String id;
        try (Run run = tracker.start("e", "r")) {
            id = run.id();
            run.metric("loss", 1.0);
            run.metric("loss", 0.5);
        }
        try (Run again = tracker.resume(id)) {
            assertThat(tracker.run(id).status()).isEqualTo(RunStatus.RUNNING);
            again.metric("loss", 0.25);
        }
        assertThat(tracker.history(id, "loss")).extracting(MetricPoint::step).containsExactly(0L, 1L, 2L);
        assertThat(tracker.run(id).status()).isEqualTo(RunStatus.FINISHED);
    }

    // ---- params and tags ------------------------------------------------------------------------------

    @Test
    void paramsAreStoredAsText() {
        try (Run run = tracker.start("e", "r")) {
            run.params(Map.of("lr", 0.001, "batch", 64, "optimizer", "adam", "augment", true));
            run.param("layers", 3L);
            assertThat(tracker.run(run.id()).params()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "lr", "0.001", "batch", "64", "optimizer", "adam", "augment", "true", "layers", "3"));
        }
    }

    @Test
    void loggingTheSameParamValueAgainIsAccepted() {
        try (Run run = tracker.start("e", "r")) {
            run.param("lr", 0.1);
            run.param("lr", "0.1");
            run.params(Map.of("lr", 0.1));
            assertThat(tracker.run(run.id()).params()).containsEntry("lr", "0.1");
        }
    }

    @Test
    void conflictingParamValueIsRejectedWithBothValuesInTheMessage() {
        try (Run run = tracker.start("e", "r")) {
            run.param("lr", 0.1);
            assertThatThrownBy(() -> run.param("lr", 0.2))
                    .isInstanceOf(ParamConflictException.class)
                    .hasMessageContaining("'0.1'").hasMessageContaining("'0.2'").hasMessageContaining("lr");
        }
    }

    @Test
    void batchWithAConflictStoresNothingOfTheBatch() {
        try (Run run = tracker.start("e", "r")) {
            run.param("lr", 0.1);
            Map<String, Object> batch = new LinkedHashMap<>();
            batch.put("batch", 64);
            batch.put("lr", 0.3);
            assertThatThrownBy(() -> run.params(batch)).isInstanceOf(ParamConflictException.class);
            assertThat(tracker.run(run.id()).params()).containsOnlyKeys("lr");
        }
    }

    @Test
    void tagsCanBeOverwrittenAndDeleted() {
        try (Run run = tracker.start("e", "r")) {
            run.tag("type", "baseline");
            run.tags(Map.of("type", "ablation", "owner", "bob"));
            assertThat(tracker.run(run.id()).tags()).containsEntry("type", "ablation").containsEntry("owner", "bob");
            tracker.store().deleteTag(run.id(), "owner");
            assertThat(tracker.run(run.id()).tags()).doesNotContainKey("owner");
            assertThatThrownBy(() -> tracker.store().deleteTag(run.id(), "owner")).isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void notesAreAppendedInOrder() {
        try (Run run = tracker.start("e", "r")) {
            run.note("first try");
            tracker.note(run.id(), "lr too high\ndiverged at epoch 3");
            assertThat(tracker.notes(run.id())).extracting(Note::text)
                    .containsExactly("first try", "lr too high\ndiverged at epoch 3");
        }
    }

    @Test
    void experimentsAreListedByNameAndCanBeTagged() {
        tracker.start("b/second", "r").close();
        tracker.createExperiment("a/first");
        tracker.store().setExperimentTag("a/first", new Tag("owner", "fraud-team"));
        assertThat(tracker.experiments()).extracting(Experiment::name).containsExactly("a/first", "b/second");
        assertThat(tracker.experiment("a/first").orElseThrow().tags()).containsEntry("owner", "fraud-team");
        assertThat(tracker.experiment("nope")).isEmpty();
    }

    // ---- metrics ----------------------------------------------------------------------------------

    @Test
    void metricsKeepNaNAndInfinitiesBitForBit() {
        try (Run run = tracker.start("e", "r")) {
            run.metric("loss", Double.NaN, 0);
            run.metric("loss", Double.POSITIVE_INFINITY, 1);
            run.metric("loss", Double.NEGATIVE_INFINITY, 2);
            run.metric("loss", -0.0, 3);
            run.metric("loss", 1e-300, 4);
            List<MetricPoint> points = tracker.history(run.id(), "loss");
            assertThat(points).extracting(MetricPoint::value).containsExactly(Double.NaN, Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY, -0.0, 1e-300);
            MetricSummary summary = tracker.metricSummaries(run.id()).get("loss");
            assertThat(summary.min()).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(summary.max()).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(summary.count()).isEqualTo(5);
        }
    }

    @Test
    void summaryHoldsLatestByStepMinMaxCountAndLastStep() {
        try (Run run = tracker.start("e", "r")) {
            run.metric("acc", 0.5, 10);
            run.metric("acc", 0.9, 30);
            run.metric("acc", 0.7, 20); // logged last but at an earlier step: not the latest
            run.flush();
            MetricSummary summary = tracker.metricSummaries(run.id()).get("acc");
            assertThat(summary.latest()).isEqualTo(0.9);
            assertThat(summary.lastStep()).isEqualTo(30);
            assertThat(summary.min()).isEqualTo(0.5);
            assertThat(summary.max()).isEqualTo(0.9);
            assertThat(summary.count()).isEqualTo(3);
        }
    }

    @Test
    void summaryOfOnlyNaNValuesHasNaNMinAndMax() {
        try (Run run = tracker.start("e", "r")) {
            run.metric("loss", Double.NaN, 0);
            MetricSummary summary = tracker.metricSummaries(run.id()).get("loss");
            assertThat(summary.latest()).isNaN();
            assertThat(summary.min()).isNaN();
            assertThat(summary.max()).isNaN();
        }
    }

    @Test
    void autoStepStartsAtZeroAndFollowsTheLastExplicitStep() {
        try (Run run = tracker.start("e", "r")) {
            run.metric("loss", 1.0);
            run.metric("loss", 2.0);
            run.metric("loss", 3.0, 10);
            run.metric("loss", 4.0);
            run.metrics(Map.of("acc", 0.1, "f1", 0.2), 5);
            run.metrics(Map.of("acc", 0.3));
            assertThat(tracker.history(run.id(), "loss")).extracting(MetricPoint::step).containsExactly(0L, 1L, 10L, 11L);
            assertThat(tracker.history(run.id(), "acc")).extracting(MetricPoint::step).containsExactly(5L, 6L);
            assertThat(tracker.history(run.id(), "f1")).extracting(MetricPoint::value).containsExactly(0.2);
        }
    }

    @Test
    void historyReturnsEveryPointInLoggingOrderWithTimestamps() {
        long before = System.currentTimeMillis();
        try (Run run = tracker.start("e", "r")) {
            for (int i = 0; i < 10_000; i++) {
                run.metric("loss", 1.0 / (i + 1), i);
                run.metric("acc", i, i);
            }
            List<MetricPoint> points = tracker.history(run.id(), "loss");
            assertThat(points).hasSize(10_000);
            for (int i = 0; i < points.size(); i++) {
                assertThat(points.get(i).step()).isEqualTo(i);
                assertThat(points.get(i).value()).isEqualTo(1.0 / (i + 1));
            }
            assertThat(points.get(0).timestamp()).isBetween(before, System.currentTimeMillis());
            assertThat(tracker.history(run.id(), "acc")).hasSize(10_000);
        }
    }

    @Test
    void manySmallFlushesLoseNothingAndKeepOrder() {
        try (Run run = tracker.start("e", "r")) {
            int step = 0;
            for (int flush = 0; flush < 60; flush++) {
                for (int i = 0; i < 1 + flush % 7 * 150; i++) {
                    run.metric("loss", step, step);
                    step++;
                }
                run.flush();
            }
            List<MetricPoint> points = tracker.history(run.id(), "loss");
            assertThat(points).hasSize(step);
            for (int i = 0; i < step; i++) {
                assertThat(points.get(i).step()).isEqualTo(i);
            }
            assertThat(tracker.metricSummaries(run.id()).get("loss").count()).isEqualTo(step);
        }
    }

    @Test
    void historyIsDownsampledInTheStoreAndKeepsSpikes() {
        try (Run run = tracker.start("e", "r")) {
            for (int i = 0; i < 100_000; i++) {
                double value = i == 77_777 ? 1000 : i == 33_333 ? -1000 : Math.sin(i / 1000.0);
                run.metric("loss", value, i);
            }
            List<MetricPoint> points = tracker.history(run.id(), "loss", 500);
            assertThat(points.size()).isLessThanOrEqualTo(500).isGreaterThan(400);
            assertThat(points).extracting(MetricPoint::value).contains(1000.0, -1000.0);
            assertThat(points.get(0).step()).isEqualTo(0);
            assertThat(points.get(points.size() - 1).step()).isEqualTo(99_999);
            assertThat(points).extracting(MetricPoint::step).isSorted();
        }
    }

    @Test
    void coarseHistoryOfAMillionPointsKeepsSpikesNaNAndBothEnds() {
        try (Run run = tracker.start("e", "r")) {
            for (int i = 0; i < 1_000_000; i++) {
                double value = i == 123_457 ? 1e6 : i == 876_543 ? -1e6 : i >= 500_000 && i < 500_600 ? Double.NaN : i % 100;
                run.metric("loss", value, i * 2L);
            }
            List<MetricPoint> points = tracker.history(run.id(), "loss", 100);
            assertThat(points.size()).isLessThanOrEqualTo(100).isGreaterThan(90);
            assertThat(points).extracting(MetricPoint::value).contains(1e6, -1e6);
            assertThat(points.get(0).step()).isZero();
            assertThat(points.get(points.size() - 1).step()).isEqualTo(1_999_998L);
            assertThat(points).extracting(MetricPoint::step).isSorted().doesNotHaveDuplicates();
            assertThat(points).allSatisfy(p -> assertThat(p.timestamp()).isPositive());
        }
    }

    @Test
    void historyOfAnUnknownKeyNamesTheKeysTheRunHas() {
        try (Run run = tracker.start("e", "r")) {
            run.metric("loss", 1, 0);
            assertThatThrownBy(() -> tracker.history(run.id(), "los", 100)).isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("no metric 'los'").hasMessageContaining("loss");
        }
    }

    @Test
    void historiesOfSeveralRunsComeInOneCall() {
        Run a = tracker.start("e", "a");
        Run b = tracker.start("e", "b");
        a.metric("loss", 1, 0);
        b.metric("other", 1, 0);
        Map<String, List<MetricPoint>> histories = tracker.histories(List.of(a.id(), b.id()), "loss", 100);
        assertThat(histories.get(a.id())).hasSize(1);
        assertThat(histories.get(b.id())).isEmpty();
    }

    @Test
    void aFullBufferSlowsTheCallerDownButDropsNothing() {
        try (Tracker small = Tracker.create(tracker.store(), OPTIONS.withBufferCapacity(16), false);
             Run run = small.start("e", "r")) {
            for (int i = 0; i < 20_000; i++) {
                run.metric("loss", i, i);
            }
            run.flush();
            assertThat(small.metricSummaries(run.id()).get("loss").count()).isEqualTo(20_000);
        }
    }

    @Test
    void metricsFromSeveralThreadsAreAllStored() throws InterruptedException {
        try (Run run = tracker.start("e", "r")) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String key = "worker" + t;
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < 5000; i++) {
                        run.metric(key, i);
                        run.metric("shared", i, i);
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            Map<String, MetricSummary> summaries = tracker.metricSummaries(run.id());
            assertThat(summaries.get("worker0").count()).isEqualTo(5000);
            assertThat(summaries.get("worker3").lastStep()).isEqualTo(4999);
            assertThat(summaries.get("shared").count()).isEqualTo(20_000);
        }
    }

    // ---- artifacts and datasets ------------------------------------------------------------------------

    @Test
    void artifactsAreReadBackVerifiedAndIdenticalContentIsStoredOnce() throws IOException {
        Path model = Files.writeString(tempDir.resolve("model.bin"), "weights", StandardCharsets.UTF_8);
        ArtifactRef first;
        ArtifactRef second;
        try (Run a = tracker.start("e", "a"); Run b = tracker.start("e", "b")) {
            first = a.artifact(model);
            second = b.artifact("models/copy.bin", "weights".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(first.name()).isEqualTo("model.bin");
        assertThat(first.sha256()).isEqualTo(second.sha256()).isEqualTo(sha256("weights"));
        assertThat(first.size()).isEqualTo(7);
        assertThat(tracker.readArtifact(second)).asString(StandardCharsets.UTF_8).isEqualTo("weights");
        assertThat(tracker.artifacts(first.runId())).extracting(ArtifactRef::name).containsExactly("model.bin");
        Path exported = tracker.exportArtifact(first, tempDir.resolve("out/model.bin"));
        assertThat(exported).hasContent("weights");
    }

    @Test
    void missingArtifactFileGetsAClearMessage() {
        try (Run run = tracker.start("e", "r")) {
            assertThatThrownBy(() -> run.artifact(tempDir.resolve("nope.bin"))).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("does not exist");
        }
    }

    @Test
    void datasetRecordsDigestSizeAndCsvShape() throws IOException {
        Path csv = Files.writeString(tempDir.resolve("train.csv"), "id,\"name, full\",label\n1,\"a, b\",0\n2,c,1\n");
        Path folder = Files.createDirectories(tempDir.resolve("images"));
        Files.writeString(folder.resolve("a.txt"), "a");
        try (Run run = tracker.start("e", "r")) {
            DatasetInput input = run.dataset(csv);
            run.dataset(folder, "images");
            assertThat(input.rows()).isEqualTo(2);
            assertThat(input.columns()).isEqualTo(3);
            assertThat(input.size()).isEqualTo(Files.size(csv));
            assertThat(input.sha256()).hasSize(64);
            assertThat(tracker.datasets(run.id())).extracting(DatasetInput::name).containsExactly("images", "train.csv");
            String before = tracker.datasets(run.id()).get(0).sha256();
            Files.writeString(folder.resolve("b.txt"), "b");
            assertThat(run.dataset(folder, "images").sha256()).isNotEqualTo(before);
            assertThat(tracker.runs(RunQuery.all().filter("datasets.name = 'train.csv'")).runs()).hasSize(1);
            assertThat(tracker.runs(RunQuery.all().filter("datasets.digest = '" + input.sha256() + "'")).runs()).hasSize(1);
        }
    }

    // ---- search ---------------------------------------------------------------------------------------

    private String logged(String experiment, String name, double acc, String lr, String type) {
        try (Run run = tracker.start(experiment, name)) {
            run.param("lr", lr);
            run.tag("type", type);
            run.metric("val_acc", acc / 2, 0);
            run.metric("val_acc", acc, 1);
            return run.id();
        }
    }

    @Test
    void searchFiltersOnLatestMetricParamTagAndStatus() {
        String good = logged("e", "good", 0.95, "0.001", "main");
        logged("e", "ablation", 0.97, "0.001", "ablation");
        logged("e", "slowlr", 0.96, "0.01", "main");
        logged("e", "weak", 0.80, "0.001", "main");
        RunPage page = tracker.runs(RunQuery.inExperiment("e").filter(
                "metrics.val_acc > 0.9 and params.lr = '0.001' and tags.type != 'ablation' and attributes.status = 'FINISHED'"));
        assertThat(page.runs()).extracting(RunDetails::id).containsExactly(good);
        assertThat(page.runs().get(0).params()).containsEntry("lr", "0.001");
        assertThat(page.runs().get(0).metrics().get("val_acc").latest()).isEqualTo(0.95);
        assertThat(page.nextPageToken()).isEmpty();
    }

    @Test
    void searchSupportsOrParenthesesNotInLikeAndIsNull() {
        logged("e", "a", 0.5, "0.1", "x");
        logged("e", "b", 0.6, "0.2", "y");
        logged("e", "c", 0.7, "0.3", "Xz");
        try (Run bare = tracker.start("e", "bare")) {
            bare.param("other", 1);
        }
        assertThat(names("(params.lr = '0.1' or params.lr = '0.3') and metrics.val_acc >= 0.5")).containsExactlyInAnyOrder("a", "c");
        assertThat(names("params.lr IN ('0.2', '0.3')")).containsExactlyInAnyOrder("b", "c");
        assertThat(names("params.lr NOT IN ('0.2', '0.3')")).containsExactlyInAnyOrder("a");
        assertThat(names("tags.type LIKE 'X%'")).containsExactly("c");
        assertThat(names("tags.type ILIKE 'x%'")).containsExactlyInAnyOrder("a", "c");
        assertThat(names("metrics.val_acc IS NULL")).containsExactly("bare");
        assertThat(names("not (params.lr = '0.1')")).containsExactlyInAnyOrder("b", "c", "bare");
        assertThat(names("attributes.run_name LIKE 'b%'")).containsExactlyInAnyOrder("b", "bare");
    }

    @Test
    void searchComparesMinAndMaxAggregates() {
        logged("e", "a", 0.9, "1", "t"); // val_acc 0.45 then 0.9
        logged("e", "b", 0.5, "1", "t"); // 0.25 then 0.5
        assertThat(names("min(metrics.val_acc) < 0.3")).containsExactly("b");
        assertThat(names("max(metrics.val_acc) > 0.8")).containsExactly("a");
        assertThat(names("metrics.val_acc = 0.5")).containsExactly("b");
    }

    @Test
    void searchOrdersByMetricParamOrAttributeWithMissingValuesLast() {
        logged("e", "mid", 0.7, "0.2", "t");
        logged("e", "top", 0.9, "0.1", "t");
        logged("e", "low", 0.5, "0.3", "t");
        tracker.start("e", "none").close();
        assertThat(ordered("metrics.val_acc DESC")).containsExactly("top", "mid", "low", "none");
        assertThat(ordered("metrics.val_acc ASC")).containsExactly("low", "mid", "top", "none");
        assertThat(ordered("params.lr")).containsExactly("top", "mid", "low", "none");
        assertThat(ordered("attributes.run_name DESC")).containsExactly("top", "none", "mid", "low");
        assertThat(ordered("attributes.start_time DESC")).containsExactly("none", "low", "top", "mid");
    }

    @Test
    void latestValueIsTheHighestStepThenTheLatestTimestampThenTheLargestValueWhateverTheStoringOrder() {
        String id;
        try (Run run = tracker.start("e", "r")) {
            id = run.id();
        }
        // Step 0 three times, stored in this order: 3.0 at t=2, 4.0 at t=8, 8.0 at t=3.
        store(id, "m", new long[] {0, 0, 0}, new long[] {2, 8, 3}, new double[] {3.0, 4.0, 8.0});
        assertThat(tracker.metricSummaries(id).get("m").latest()).isEqualTo(4.0);
        assertThat(names("metrics.m = 4.0")).containsExactly("r");
        assertThat(names("metrics.m > 5.0")).isEmpty();
        // Stored in separate batches, an older step never replaces a newer one.
        store(id, "n", new long[] {5}, new long[] {10}, new double[] {1.0});
        store(id, "n", new long[] {4}, new long[] {20}, new double[] {2.0});
        assertThat(tracker.metricSummaries(id).get("n").latest()).isEqualTo(1.0);
        // Same step and timestamp: the larger value wins, in either order.
        store(id, "o", new long[] {1, 1}, new long[] {7, 7}, new double[] {9.0, 6.0});
        store(id, "p", new long[] {1, 1}, new long[] {7, 7}, new double[] {6.0, 9.0});
        assertThat(tracker.metricSummaries(id).get("o").latest()).isEqualTo(9.0);
        assertThat(tracker.metricSummaries(id).get("p").latest()).isEqualTo(9.0);
        // The history still returns every point in logging order.
        assertThat(tracker.history(id, "m")).extracting(MetricPoint::value).containsExactly(3.0, 4.0, 8.0);
    }

    @Test
    void nanSortsAfterEveryNumberAndBeforeRunsWithoutTheMetricInBothDirections() {
        for (double value : new double[] {1.5, Double.NEGATIVE_INFINITY, Double.NaN, Double.POSITIVE_INFINITY, -2.0}) {
            try (Run run = tracker.start("e", String.valueOf(value))) {
                run.metric("m", value, 0);
            }
        }
        tracker.start("e", "missing").close();
        assertThat(ordered("metrics.m ASC")).containsExactly("-Infinity", "-2.0", "1.5", "Infinity", "NaN", "missing");
        assertThat(ordered("metrics.m DESC")).containsExactly("Infinity", "1.5", "-2.0", "-Infinity", "NaN", "missing");
        assertThat(ordered("min(metrics.m) ASC")).containsExactly("-Infinity", "-2.0", "1.5", "Infinity", "NaN", "missing");
    }

    @Test
    void nanIsAValueThatComparesAsInIeeeArithmetic() {
        for (double value : new double[] {Double.NaN, 1.0}) {
            try (Run run = tracker.start("e", String.valueOf(value))) {
                run.metric("m", value, 0);
            }
        }
        tracker.start("e", "missing").close();
        assertThat(names("metrics.m != 1.0")).containsExactly("NaN");
        assertThat(names("metrics.m < 5")).containsExactly("1.0");
        assertThat(names("metrics.m >= -1e308")).containsExactly("1.0");
        assertThat(names("metrics.m IS NOT NULL")).containsExactlyInAnyOrder("NaN", "1.0");
        assertThat(names("metrics.m IS NULL")).containsExactly("missing");
    }

    @Test
    void sortingTwiceByOneKeyIsRejectedInOneLine() {
        tracker.start("e", "r").close();
        assertThatThrownBy(() -> ordered("metrics.loss ASC, metrics.loss DESC")).isInstanceOf(FilterSyntaxException.class)
                .hasMessageContaining("metrics.loss").hasMessageContaining("twice").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> tracker.runs(RunQuery.all().orderBy("params.lr", "params.lr DESC")))
                .isInstanceOf(FilterSyntaxException.class).hasMessageContaining("params.lr").hasMessageContaining("twice");
        assertThat(ordered("metrics.loss ASC, min(metrics.loss) DESC")).containsExactly("r");
    }

    @Test
    void searchPagesThroughAllRunsWithTheToken() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            all.add(logged("e", "r" + i, i / 10.0, "1", "t"));
        }
        List<String> seen = new ArrayList<>();
        RunQuery query = RunQuery.inExperiment("e").orderBy("metrics.val_acc ASC").limit(3);
        Optional<String> token = Optional.empty();
        int pages = 0;
        do {
            RunPage page = tracker.runs(token.map(query::page).orElse(query));
            page.runs().forEach(r -> seen.add(r.id()));
            token = page.nextPageToken();
            pages++;
        } while (token.isPresent());
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(all);
        assertThatThrownBy(() -> tracker.runs(query.page("garbage!"))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("page token");
    }

    @Test
    void searchIsLimitedToTheNamedExperiments() {
        logged("a", "in-a", 0.5, "1", "t");
        logged("b", "in-b", 0.5, "1", "t");
        logged("c", "in-c", 0.5, "1", "t");
        assertThat(tracker.runs(RunQuery.inExperiment("a", "c")).runs()).extracting(RunDetails::name)
                .containsExactlyInAnyOrder("in-a", "in-c");
        assertThat(names("attributes.experiment = 'b'")).containsExactly("in-b");
        assertThat(tracker.runs(RunQuery.all()).runs()).hasSize(3);
    }

    @Test
    void malformedFilterIsRejectedWithTheColumnWhereParsingFailed() {
        assertThatThrownBy(() -> tracker.runs(RunQuery.all().filter("metrics.acc > 0.9 and params.lr = ")))
                .isInstanceOf(FilterSyntaxException.class).isInstanceOf(TrackingException.class)
                .hasMessageContaining("column");
    }

    @Test
    void filterTextNeverReachesTheDatabaseAsSql() {
        String id = logged("e", "safe", 0.5, "1", "t");
        assertThat(names("params.`lr'; DROP TABLE runs; --` = 'x'")).isEmpty();
        assertThat(names("tags.type = 'x'' OR 1=1 --'")).isEmpty();
        assertThat(names("attributes.run_name = 'safe'")).containsExactly("safe");
        assertThat(tracker.run(id).name()).isEqualTo("safe");
    }

    @Test
    void deletedRunLeavesSearchesAndRestoreBringsItBack() {
        String id = logged("e", "r", 0.5, "1", "t");
        tracker.deleteRun(id);
        assertThat(tracker.runs(RunQuery.all()).runs()).isEmpty();
        assertThat(tracker.runs(RunQuery.all().includingDeleted()).runs()).extracting(r -> r.info().deleted()).containsExactly(true);
        assertThat(tracker.run(id).info().deleted()).isTrue();
        tracker.restoreRun(id);
        assertThat(tracker.runs(RunQuery.all()).runs()).extracting(RunDetails::id).containsExactly(id);
    }

    // ---- heartbeat and crash --------------------------------------------------------------------------

    @Test
    void runningRunWithAStaleHeartbeatReadsCrashedInEveryQuery() {
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(5));
        RunInfo stale = tracker.store().createRun(new NewRun("00ff00ff00ff00ff00ff00ff00ff00ff", "ghost", "e", longAgo,
                "someone", null, RunSource.none(), List.of()));
        assertThat(stale.status()).isEqualTo(RunStatus.CRASHED);
        assertThat(tracker.run(stale.id()).status()).isEqualTo(RunStatus.CRASHED);
        assertThat(names("attributes.status = 'CRASHED'")).containsExactly("ghost");
        assertThat(names("attributes.status = 'RUNNING'")).isEmpty();

        try (Run alive = tracker.start("e", "alive")) {
            assertThat(names("attributes.status = 'RUNNING'")).containsExactly("alive");
        }

        // Someone else's run whose process vanished: recording it for good is a change to their run.
        tracker.markCrashed(stale.id(), Force.YES);
        RunInfo marked = tracker.run(stale.id()).info();
        assertThat(marked.status()).isEqualTo(RunStatus.CRASHED);
        assertThat(marked.endTime()).isNotNull();
    }

    @Test
    void heartbeatKeepsALongRunAlive() throws InterruptedException {
        try (Run run = tracker.start("e", "r")) {
            Instant first = tracker.run(run.id()).info().lastHeartbeat();
            Instant deadline = Instant.now().plusSeconds(20);
            while (!tracker.run(run.id()).info().lastHeartbeat().isAfter(first) && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            assertThat(tracker.run(run.id()).info().lastHeartbeat()).isAfter(first);
        }
    }

    // ---- references ----------------------------------------------------------------------------------

    @Test
    void runReferenceResolvesByIdPrefixNameAndLast() {
        String a = logged("e", "alpha", 0.1, "1", "t");
        String b = logged("e", "beta", 0.1, "1", "t");
        String other = logged("f", "beta", 0.1, "1", "t");
        assertThat(tracker.resolveRun(a, Optional.empty()).id()).isEqualTo(a);
        assertThat(tracker.resolveRun("alpha", Optional.of("e")).id()).isEqualTo(a);
        assertThat(tracker.resolveRun("beta", Optional.of("f")).id()).isEqualTo(other);
        assertThat(tracker.resolveRun("last", Optional.of("e")).id()).isEqualTo(b);
        assertThat(tracker.resolveRun("last", Optional.empty()).id()).isEqualTo(other);
        String prefix = uniquePrefix(a, List.of(b, other));
        assertThat(tracker.resolveRun(prefix, Optional.empty()).id()).isEqualTo(a);
    }

    @Test
    void ambiguousRunNameListsTheCandidates() {
        String first = logged("e", "twin", 0.1, "1", "t");
        String second = logged("f", "twin", 0.1, "1", "t");
        assertThatThrownBy(() -> tracker.resolveRun("twin", Optional.empty()))
                .isInstanceOf(AmbiguousReferenceException.class)
                .hasMessageContaining(first).hasMessageContaining(second);
    }

    @Test
    void ambiguousIdPrefixAndUnknownReferenceAreReportedClearly() {
        for (int i = 0; i < 40; i++) {
            tracker.start("e", "r" + i).close();
        }
        // 40 random hex ids: some first digit is shared by two of them.
        List<String> ids = tracker.runs(RunQuery.all()).runs().stream().map(RunDetails::id).toList();
        String shared = ids.stream().map(id -> id.substring(0, 1))
                .filter(p -> ids.stream().filter(id -> id.startsWith(p)).count() > 1).findFirst().orElseThrow();
        assertThatThrownBy(() -> tracker.resolveRun(shared, Optional.empty())).isInstanceOf(AmbiguousReferenceException.class)
                .hasMessageContaining("longer id prefix");
        assertThatThrownBy(() -> tracker.resolveRun("no-such-run", Optional.of("e"))).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'no-such-run'").hasMessageContaining("experiment 'e'");
        assertThatThrownBy(() -> tracker.resolveRun("last", Optional.of("empty"))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void unknownRunIdIsNotFoundEverywhere() {
        assertThatThrownBy(() -> tracker.run("0123")).isInstanceOf(NotFoundException.class).hasMessageContaining("'0123'");
        assertThatThrownBy(() -> tracker.metricSummaries("0123")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> tracker.tag("0123", "k", "v")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> tracker.store().logMetric("0123", new MetricPoint("k", 1, 1, 1)))
                .isInstanceOf(NotFoundException.class);
    }

    // ---- ownership ------------------------------------------------------------------------------------

    @Test
    void aRunRecordsTheTrackersUserAndThatUserChangesItWithoutForce() {
        try (Tracker bob = Tracker.create(tracker.store(), OPTIONS.withUser("bob"), false)) {
            Run run = bob.start("shared", "bobs-run");
            assertThat(bob.run(run.id()).info().user()).isEqualTo("bob");
            run.close();
            bob.tag(run.id(), "stage", "done");
            bob.note(run.id(), "looked fine");
            bob.endRun(run.id(), RunStatus.FAILED);
            bob.deleteRun(run.id());
            bob.restoreRun(run.id());
            bob.resume(run.id()).param("lr", "0.1");
            RunDetails details = bob.run(run.id());
            assertThat(details.tags()).containsEntry("stage", "done");
            assertThat(details.params()).containsEntry("lr", "0.1");
            assertThat(bob.notes(run.id())).extracting(Note::text).containsExactly("looked fine");
        }
    }

    @Test
    void changingAnotherUsersRunIsRefusedInOneLineUnlessForced() {
        String id;
        try (Run run = tracker.newRun("shared").name("adas-run").user("ada").start()) {
            id = run.id();
        }
        try (Tracker bob = Tracker.create(tracker.store(), OPTIONS.withUser("bob"), false)) {
            List<org.assertj.core.api.ThrowableAssert.ThrowingCallable> changes = List.of(
                    () -> bob.tag(id, "stage", "x"),
                    () -> bob.note(id, "hijacked"),
                    () -> bob.endRun(id, RunStatus.FAILED),
                    () -> bob.markCrashed(id),
                    () -> bob.deleteRun(id),
                    () -> bob.restoreRun(id),
                    () -> bob.resume(id));
            for (var change : changes) {
                assertThatThrownBy(change).isInstanceOf(NotYourRunException.class)
                        .hasMessageContaining("run 'adas-run' (" + id + ")")
                        .hasMessageContaining("belongs to user 'ada', and you are 'bob'")
                        .hasMessageContaining("add --force").hasMessageNotContaining("\n");
            }
            RunDetails untouched = bob.run(id);
            assertThat(untouched.status()).isEqualTo(RunStatus.FINISHED);
            assertThat(untouched.tags()).doesNotContainKey("stage");
            assertThat(bob.notes(id)).isEmpty();
            assertThat(bob.runs(RunQuery.inExperiment("shared")).runs()).extracting(RunDetails::id).containsExactly(id);

            bob.tag(id, "stage", "reviewed", Force.YES);
            bob.note(id, "checked by bob", Force.YES);
            bob.endRun(id, RunStatus.FAILED, Force.YES);
            assertThat(bob.run(id).status()).isEqualTo(RunStatus.FAILED);
            bob.deleteRun(id, Force.YES);
            assertThat(bob.runs(RunQuery.inExperiment("shared")).runs()).isEmpty();
            bob.restoreRun(id, Force.YES);
            try (Run resumed = bob.resume(id, Force.YES)) {
                resumed.param("lr", "0.01");
            }
            RunDetails changed = bob.run(id);
            assertThat(changed.tags()).containsEntry("stage", "reviewed");
            assertThat(changed.params()).containsEntry("lr", "0.01");
            assertThat(changed.info().user()).as("forcing does not take the run over").isEqualTo("ada");
            assertThat(bob.notes(id)).extracting(Note::text).containsExactly("checked by bob");
        }
    }

    @Test
    void theOwnershipCheckLeavesAnUnknownRunToTheStoresMessage() {
        try (Tracker bob = Tracker.create(tracker.store(), OPTIONS.withUser("bob"), false)) {
            assertThatThrownBy(() -> bob.deleteRun("0123456789abcdef0123456789abcdef"))
                    .isNotInstanceOf(NotYourRunException.class).isInstanceOf(TrackingException.class);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private List<String> names(String filter) {
        return tracker.runs(RunQuery.all().filter(filter)).runs().stream().map(RunDetails::name).toList();
    }

    /** Stores points with explicit timestamps straight through the store, as an importer would. */
    private void store(String runId, String key, long[] steps, long[] times, double[] values) {
        tracker.store().appendMetrics(List.of(new MetricColumns(runId, key, steps, times, values, steps.length)));
    }

    private List<String> ordered(String orderBy) {
        return tracker.runs(RunQuery.all().orderBy(orderBy)).runs().stream().map(RunDetails::name).toList();
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static String uniquePrefix(String id, List<String> others) {
        for (int length = 1; length <= id.length(); length++) {
            String prefix = id.substring(0, length);
            if (others.stream().noneMatch(o -> o.startsWith(prefix))) {
                return prefix;
            }
        }
        return id;
    }
}
