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

import org.junit.jupiter.api.Test;
import org.labbook.tracking.spi.RunStore;
import org.labbook.tracking.spi.NewRun;

/**
 * The behaviour every {@link RunStore} backend must have, driven through the public API: runs, params,
 * tags, metrics, artifacts, liveness, references and ownership ({@link RunSearchContract} has searches).
 * A backend's test extends this class and says how to reach a fresh, empty store; nothing here knows
 * which backend it runs on.
 */
public abstract class RunStoreContract extends StoreContractSupport {

    // ---- lifecycle ----------------------------------------------------------------------------------

    @Test
    void startedRunIsRunningAndClosingItMarksItFinished() {
        Run run = tracker.start("fraud/baseline", "lr-sweep-v2");
        RunInfo info = tracker.details(run.id()).info();
        assertThat(info.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(info.name()).isEqualTo("lr-sweep-v2");
        assertThat(info.experimentName()).isEqualTo("fraud/baseline");
        assertThat(info.endTime()).isNull();
        assertThat(run.id()).matches("[0-9a-f]{32}");

        run.close();

        RunInfo ended = tracker.details(run.id()).info();
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

        RunDetails details = tracker.details(id[0]);
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
        assertThat(tracker.details(id).status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void endedRunRejectsFurtherLoggingWithAClearMessage() {
        Run run = tracker.start("e", "r");
        run.end(RunStatus.KILLED);
        assertThat(tracker.details(run.id()).status()).isEqualTo(RunStatus.KILLED);
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
        RunDetails details = tracker.details(run.id());
        assertThat(details.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(details.metrics().get("loss").count()).isEqualTo(1000);
    }

    @Test
    void nestedRunRecordsItsParent() {
        try (Run parent = tracker.start("sweep", "parent"); Run child = parent.startChild("fold-1")) {
            RunInfo info = tracker.details(child.id()).info();
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
            RunDetails details = tracker.details(run.id());
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
            assertThat(tracker.details(id).status()).isEqualTo(RunStatus.RUNNING);
            again.metric("loss", 0.25);
        }
        assertThat(tracker.history(id, "loss")).extracting(MetricPoint::step).containsExactly(0L, 1L, 2L);
        assertThat(tracker.details(id).status()).isEqualTo(RunStatus.FINISHED);
    }

    // ---- params and tags ------------------------------------------------------------------------------

    @Test
    void paramsAreStoredAsText() {
        try (Run run = tracker.start("e", "r")) {
            run.params(Map.of("lr", 0.001, "batch", 64, "optimizer", "adam", "augment", true));
            run.param("layers", 3L);
            assertThat(tracker.details(run.id()).params()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "lr", "0.001", "batch", "64", "optimizer", "adam", "augment", "true", "layers", "3"));
        }
    }

    @Test
    void loggingTheSameParamValueAgainIsAccepted() {
        try (Run run = tracker.start("e", "r")) {
            run.param("lr", 0.1);
            run.param("lr", "0.1");
            run.params(Map.of("lr", 0.1));
            assertThat(tracker.details(run.id()).params()).containsEntry("lr", "0.1");
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
            assertThat(tracker.details(run.id()).params()).containsOnlyKeys("lr");
        }
    }

    @Test
    void tagsCanBeOverwrittenAndDeleted() {
        try (Run run = tracker.start("e", "r")) {
            run.tag("type", "baseline");
            run.tags(Map.of("type", "ablation", "owner", "bob"));
            assertThat(tracker.details(run.id()).tags()).containsEntry("type", "ablation").containsEntry("owner", "bob");
            tracker.store().deleteTag(run.id(), "owner");
            assertThat(tracker.details(run.id()).tags()).doesNotContainKey("owner");
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
            second = b.artifact("weights".getBytes(StandardCharsets.UTF_8), "models/copy.bin");
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

    // ---- heartbeat and crash --------------------------------------------------------------------------

    @Test
    void runningRunWithAStaleHeartbeatReadsCrashedInEveryQuery() {
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(5));
        RunInfo stale = tracker.store().createRun(new NewRun("00ff00ff00ff00ff00ff00ff00ff00ff", "ghost", "e", longAgo,
                "someone", null, RunSource.none(), List.of()));
        assertThat(stale.status()).isEqualTo(RunStatus.CRASHED);
        assertThat(tracker.details(stale.id()).status()).isEqualTo(RunStatus.CRASHED);
        assertThat(names("attributes.status = 'CRASHED'")).containsExactly("ghost");
        assertThat(names("attributes.status = 'RUNNING'")).isEmpty();

        try (Run alive = tracker.start("e", "alive")) {
            assertThat(names("attributes.status = 'RUNNING'")).containsExactly("alive");
        }

        // Someone else's run whose process vanished: recording it for good is a change to their run.
        tracker.markCrashed(stale.id(), Force.YES);
        RunInfo marked = tracker.details(stale.id()).info();
        assertThat(marked.status()).isEqualTo(RunStatus.CRASHED);
        assertThat(marked.endTime()).isNotNull();
    }

    @Test
    void heartbeatKeepsALongRunAlive() throws InterruptedException {
        try (Run run = tracker.start("e", "r")) {
            Instant first = tracker.details(run.id()).info().lastHeartbeat();
            Instant deadline = Instant.now().plusSeconds(20);
            while (!tracker.details(run.id()).info().lastHeartbeat().isAfter(first) && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            assertThat(tracker.details(run.id()).info().lastHeartbeat()).isAfter(first);
        }
    }

    // ---- references ----------------------------------------------------------------------------------

    @Test
    void runReferenceResolvesByIdPrefixNameAndLast() {
        String a = logged("e", "alpha", 0.1, "1", "t");
        String b = logged("e", "beta", 0.1, "1", "t");
        String other = logged("f", "beta", 0.1, "1", "t");
        assertThat(tracker.resolveRun(a).id()).isEqualTo(a);
        assertThat(tracker.resolveRun("alpha", "e").id()).isEqualTo(a);
        assertThat(tracker.resolveRun("beta", "f").id()).isEqualTo(other);
        assertThat(tracker.resolveRun("last", "e").id()).isEqualTo(b);
        assertThat(tracker.resolveRun("last").id()).isEqualTo(other);
        String prefix = uniquePrefix(a, List.of(b, other));
        assertThat(tracker.resolveRun(prefix).id()).isEqualTo(a);
    }

    @Test
    void storeLooksNamesAndTheLatestRunUpInOneExperimentOrAll() {
        String a = logged("e", "twin", 0.1, "1", "t");
        String b = logged("f", "twin", 0.1, "1", "t");
        String c = logged("e", "solo", 0.1, "1", "t");
        var store = tracker.store();
        assertThat(store.runsByName("twin", 10).stream().map(r -> r.id()).toList()).containsExactly(b, a);
        assertThat(store.runsByName("twin", 1)).hasSize(1);
        assertThat(store.runsByName("twin", "e", 10).stream().map(r -> r.id()).toList()).containsExactly(a);
        assertThat(store.runsByName("solo", "f", 10)).isEmpty();
        assertThat(store.latestRun().orElseThrow().id()).isEqualTo(c);
        assertThat(store.latestRun("f").orElseThrow().id()).isEqualTo(b);
        assertThat(store.latestRun("no-such-experiment")).isEmpty();
    }

    @Test
    void ambiguousRunNameListsTheCandidates() {
        String first = logged("e", "twin", 0.1, "1", "t");
        String second = logged("f", "twin", 0.1, "1", "t");
        assertThatThrownBy(() -> tracker.resolveRun("twin"))
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
        assertThatThrownBy(() -> tracker.resolveRun(shared)).isInstanceOf(AmbiguousReferenceException.class)
                .hasMessageContaining("longer id prefix");
        assertThatThrownBy(() -> tracker.resolveRun("no-such-run", "e")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'no-such-run'").hasMessageContaining("experiment 'e'");
        assertThatThrownBy(() -> tracker.resolveRun("last", "empty")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void unknownRunIdIsNotFoundEverywhere() {
        assertThatThrownBy(() -> tracker.details("0123")).isInstanceOf(NotFoundException.class).hasMessageContaining("'0123'");
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
            assertThat(bob.details(run.id()).info().user()).isEqualTo("bob");
            run.close();
            bob.tag(run.id(), "stage", "done");
            bob.note(run.id(), "looked fine");
            bob.endRun(run.id(), RunStatus.FAILED);
            bob.deleteRun(run.id());
            bob.restoreRun(run.id());
            bob.resume(run.id()).param("lr", "0.1");
            RunDetails details = bob.details(run.id());
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
            RunDetails untouched = bob.details(id);
            assertThat(untouched.status()).isEqualTo(RunStatus.FINISHED);
            assertThat(untouched.tags()).doesNotContainKey("stage");
            assertThat(bob.notes(id)).isEmpty();
            assertThat(bob.runs(RunQuery.inExperiment("shared")).runs()).extracting(RunDetails::id).containsExactly(id);

            bob.tag(id, "stage", "reviewed", Force.YES);
            bob.note(id, "checked by bob", Force.YES);
            bob.endRun(id, RunStatus.FAILED, Force.YES);
            assertThat(bob.details(id).status()).isEqualTo(RunStatus.FAILED);
            bob.deleteRun(id, Force.YES);
            assertThat(bob.runs(RunQuery.inExperiment("shared")).runs()).isEmpty();
            bob.restoreRun(id, Force.YES);
            try (Run resumed = bob.resume(id, Force.YES)) {
                resumed.param("lr", "0.01");
            }
            RunDetails changed = bob.details(id);
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
