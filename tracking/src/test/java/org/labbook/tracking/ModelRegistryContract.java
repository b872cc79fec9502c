package org.labbook.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.labbook.tracking.testkit.Fuzz;

/**
 * How every store backend keeps the model registry: numbered versions pointing at runs and artifacts,
 * aliases moved behind gates written in the run-search language, the audit trail, archiving, lineage,
 * and refusals that change nothing. A backend's test extends this class as it extends
 * {@link RunStoreContract}.
 */
public abstract class ModelRegistryContract extends StoreContractSupport {

    /** A finished run with val_auc as its latest value and a model artifact. */
    protected String trained(String name, double auc) {
        try (Run run = tracker.start("fraud", name)) {
            run.param("lr", "0.01");
            run.metric("val_auc", auc - 0.1, 0);
            run.metric("val_auc", auc, 1);
            run.artifact(("weights of " + name).getBytes(StandardCharsets.UTF_8), "model.bin");
            return run.id();
        }
    }

    private ModelRegistry models() {
        return tracker.models();
    }

    @Test
    void registerNumbersVersionsPerModelAndRecordsTheArtifactDigest() {
        String a = trained("a", 0.90);
        String b = trained("b", 0.95);
        ModelVersion v1 = models().register("fraud-detector", a, "model.bin", "first");
        ModelVersion v2 = models().register("fraud-detector", b, "model.bin", null);
        ModelVersion other = models().register("fraud-lite", a, null, null);
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(other.version()).isEqualTo(1);
        assertThat(v1.runId()).isEqualTo(a);
        assertThat(v1.note()).isEqualTo("first");
        assertThat(v1.createdBy()).isEqualTo(tracker.options().user());
        ArtifactRef stored = tracker.artifacts(a).stream().filter(x -> x.name().equals("model.bin")).findFirst().orElseThrow();
        assertThat(v1.artifactSha256()).isEqualTo(stored.sha256());
        assertThat(v1.artifactSize()).isEqualTo(stored.size());
        assertThat(other.artifact()).isEmpty();
        assertThat(models().models()).extracting(RegisteredModel::name).containsExactly("fraud-detector", "fraud-lite");
        assertThat(models().model("fraud-detector").latestVersion()).isEqualTo(2);
        assertThat(models().versions("fraud-detector")).extracting(ModelVersion::version).containsExactly(2, 1);
        assertThat(models().versionsOfRun(a)).extracting(ModelVersion::reference)
                .containsExactly("fraud-detector/1", "fraud-lite/1");
        assertThat(models().resolve("fraud-detector")).isEqualTo(v2);
        assertThat(models().resolve("fraud-detector/1")).isEqualTo(v1);
    }

    @Test
    void aPassingGateMovesTheAliasAndAFailingOneNamesTheClauseWithTheActualValue() {
        String good = trained("good", 0.95);
        String weak = trained("weak", 0.87);
        models().register("fraud-detector", good, "model.bin", null);
        models().register("fraud-detector", weak, "model.bin", null);
        AliasMove moved = models().promote(Promotion.of("fraud-detector", 1, "production")
                .when("metrics.val_auc >= 0.92 and params.lr = '0.01'").note("beats baseline"));
        assertThat(moved.toVersion()).isEqualTo(OptionalInt.of(1));
        assertThat(moved.fromVersion()).isEmpty();
        assertThat(moved.gate()).isEqualTo("metrics.val_auc >= 0.92 AND params.lr = '0.01'");
        assertThat(models().resolve("fraud-detector@production").version()).isEqualTo(1);

        assertThatThrownBy(() -> models().promote(Promotion.of("fraud-detector", 2, "production")
                .when("params.lr = '0.01' and metrics.val_auc >= 0.92")))
                .isInstanceOf(GateFailedException.class)
                .hasMessageContaining("metrics.val_auc >= 0.92 does not hold")
                .hasMessageContaining("metrics.val_auc = 0.87")
                .hasMessageContaining("production still points at version 1")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
                .satisfies(e -> assertThat(((GateFailedException) e).clause()).isEqualTo("metrics.val_auc >= 0.92"));
        assertThat(models().resolve("fraud-detector@production").version()).isEqualTo(1);
        assertThat(models().history("fraud-detector")).hasSize(1);

        assertThatThrownBy(() -> models().promote(Promotion.of("fraud-detector", 2, "staging")
                .when("metrics.missing > 1")))
                .isInstanceOf(GateFailedException.class)
                .hasMessageContaining("metrics.missing = (none: the run has no such metric)");
    }

    @Test
    void compareToRequiresTheCandidateToBeAtLeastAsGoodAsTheHolder() {
        models().register("m", trained("v1", 0.93), "model.bin", null);
        models().register("m", trained("v2", 0.92), "model.bin", null);
        models().register("m", trained("v3", 0.96), "model.bin", null);
        models().promote(Promotion.of("m", 1, "production").when("metrics.val_auc >= 0.9").compareTo("production"));
        assertThatThrownBy(() -> models().promote(Promotion.of("m", 2, "production")
                .when("metrics.val_auc >= 0.9").compareTo("production")))
                .isInstanceOf(GateFailedException.class)
                .hasMessageContaining("metrics.val_auc >= production does not hold")
                .hasMessageContaining("metrics.val_auc = 0.92")
                .hasMessageContaining("production (version 1) has 0.93");
        models().promote(Promotion.of("m", 3, "production").when("metrics.val_auc >= 0.9").compareTo("production"));
        assertThat(models().resolve("m@production").version()).isEqualTo(3);
        assertThatThrownBy(() -> models().promote(Promotion.of("m", 2, "production").compareTo("production")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("compares on the metrics the gate orders");
    }

    @Test
    void theAuditTrailKeepsEveryMoveInOrder() {
        String run = trained("r", 0.95);
        for (int i = 0; i < 3; i++) {
            models().register("m", run, "model.bin", null);
        }
        models().promote(Promotion.of("m", 1, "production").note("first"));
        models().promote(Promotion.of("m", 2, "staging"));
        models().promote(Promotion.of("m", 2, "production").when("metrics.val_auc > 0.5").note("second"));
        models().demote("m", "staging", "done testing");
        models().promote(Promotion.of("m", 3, "production"));
        List<AliasMove> trail = models().history("m");
        assertThat(trail).extracting(AliasMove::seq).containsExactly(1, 2, 3, 4, 5);
        assertThat(trail).extracting(AliasMove::alias)
                .containsExactly("production", "staging", "production", "staging", "production");
        assertThat(trail.get(2).fromVersion()).isEqualTo(OptionalInt.of(1));
        assertThat(trail.get(2).toVersion()).isEqualTo(OptionalInt.of(2));
        assertThat(trail.get(2).note()).isEqualTo("second");
        assertThat(trail.get(2).gate()).isEqualTo("metrics.val_auc > 0.5");
        assertThat(trail.get(3).toVersion()).isEmpty();
        assertThat(trail.get(3).note()).isEqualTo("done testing");
        assertThat(trail).allSatisfy(m -> assertThat(m.user()).isEqualTo(tracker.options().user()));
        assertThat(trail.get(4).at()).isAfterOrEqualTo(trail.get(0).at());
        assertThat(models().model("m").aliases()).containsExactly(java.util.Map.entry("production", 3));
        assertThat(models().resolve("m/3").aliases()).containsExactly("production");
        assertThat(models().resolve("m/2").aliases()).isEmpty();
    }

    @Test
    void archivedVersionsAreHiddenRefusedByAliasesAndRestorable() {
        String run = trained("r", 0.95);
        models().register("m", run, "model.bin", null);
        models().register("m", run, "model.bin", null);
        models().promote(Promotion.of("m", 1, "production"));
        assertThatThrownBy(() -> models().archive("m", 1)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("Demote it first");
        models().archive("m", 2);
        assertThat(models().versions("m")).extracting(ModelVersion::version).containsExactly(1);
        assertThat(models().versions("m", true)).extracting(ModelVersion::version).containsExactly(2, 1);
        assertThat(models().resolve("m/2").archived()).isTrue();
        assertThatThrownBy(() -> models().promote(Promotion.of("m", 2, "production")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("is archived");
        assertThat(models().resolve("m@production").version()).isEqualTo(1);
        models().restore("m", 2);
        models().promote(Promotion.of("m", 2, "production"));
        assertThat(models().resolve("m@production").version()).isEqualTo(2);
    }

    @Test
    void badInputGetsOneLineAndChangesNothing() {
        String run = trained("r", 0.95);
        models().register("m", run, "model.bin", null);
        models().promote(Promotion.of("m", 1, "production"));
        List<Runnable> mistakes = List.of(
                () -> models().register("bad name!", run, null, null),
                () -> models().register("m", "no-such-run", null, null),
                () -> models().register("m", run, "missing.bin", null),
                () -> models().promote(Promotion.of("m", 7, "production")),
                () -> models().promote(Promotion.of("nope", 1, "production")),
                () -> models().promote(Promotion.of("m", 1, "9lives")),
                () -> models().promote(Promotion.of("m", 1, "production").when("metrics.val_auc >>= 0.9")),
                () -> models().promote(Promotion.of("m", 1, "production").when("metrics.val_auc = 'high'")),
                () -> models().demote("m", "staging", null),
                () -> models().resolve("m@staging"),
                () -> models().resolve("m/x"),
                () -> models().archive("m", 5));
        for (Runnable mistake : mistakes) {
            assertThatThrownBy(mistake::run).isInstanceOf(TrackingException.class)
                    .satisfies(e -> assertThat(e.getMessage()).isNotBlank().doesNotContain("\n").doesNotContain("SELECT")
                            .doesNotContain("Exception"));
        }
        assertThat(models().versions("m", true)).hasSize(1);
        assertThat(models().history("m")).hasSize(1);
        assertThat(models().models()).extracting(RegisteredModel::name).containsExactly("m");
        assertThatThrownBy(() -> models().promote(Promotion.of("m", 7, "production")))
                .hasMessage("Model 'm' has no version 7; it has versions 1 to 1. List them with %track models m.");
    }

    @Test
    void malformedGatesAreRefusedInOneLineWhateverTheText(TestInfo test) {
        String run = trained("r", 0.95);
        models().register("m", run, "model.bin", null);
        String alphabet = "metrics.val_auc params.lr ()'\"`=<>!andorNOTIN 0.9 -1e3 ,%_\\\n";
        Fuzz.forTest(test).forAllTexts(60, random -> {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(30);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return text.toString();
        }, gate -> {
            try {
                models().promote(Promotion.of("m", 1, "fuzz").when(gate));
                models().demote("m", "fuzz", null);
            } catch (TrackingException e) {
                assertThat(e.getMessage()).doesNotContain("\n").isNotBlank();
            }
        });
        assertThat(models().model("m").aliases()).doesNotContainKey("fuzz");
    }

    @Test
    void deletingARunThatAVersionPointsAtIsRefusedUnlessForced() {
        String run = trained("r", 0.95);
        models().register("m", run, "model.bin", null);
        assertThatThrownBy(() -> tracker.deleteRun(run)).isInstanceOf(RunInUseException.class)
                .hasMessageContaining("m/1").hasMessageContaining("--force");
        assertThat(tracker.details(run).info().deleted()).isFalse();
        tracker.deleteRun(run, Force.YES);
        assertThat(tracker.store().findRun(run).orElseThrow().info().deleted()).isTrue();
        String unregistered = trained("free", 0.5);
        tracker.deleteRun(unregistered);
        assertThat(tracker.store().findRun(unregistered).orElseThrow().info().deleted()).isTrue();
    }

    @Test
    void lineageFollowsTheVersionToTheRunItsSessionCommitDatasetsAndEnvironment() throws Exception {
        Path data = tempDir.resolve("train.csv");
        Files.writeString(data, "a,b\n1,2\n3,4\n");
        String runId;
        try (Run run = tracker.start("fraud", "traced")) {
            run.metric("val_auc", 0.95, 1);
            run.artifact(new byte[] {1, 2, 3}, "model.bin");
            run.artifact("{\"cells\":[]}".getBytes(StandardCharsets.UTF_8), ModelLineage.SESSION_NOTEBOOK);
            run.artifact("{\"commit\":\"abc123\",\"diff\":\"\"}".getBytes(StandardCharsets.UTF_8), ModelLineage.CODE_VERSION);
            run.artifact("{\"java\":\"17\"}".getBytes(StandardCharsets.UTF_8), ModelLineage.ENVIRONMENT);
            run.tag(ModelLineage.GIT_COMMIT_TAG, "abc123");
            run.tag("labbook.java.version", "17.0.12");
            run.dataset(data);
            runId = run.id();
        }
        models().register("m", runId, "model.bin", null);
        models().promote(Promotion.of("m", 1, "production").note("ship it"));
        ModelLineage lineage = models().lineage("m@production");
        assertThat(lineage.version().version()).isEqualTo(1);
        assertThat(lineage.run().id()).isEqualTo(runId);
        assertThat(lineage.artifact()).map(ArtifactRef::name).contains("model.bin");
        assertThat(lineage.sessionNotebook()).map(ArtifactRef::name).contains(ModelLineage.SESSION_NOTEBOOK);
        assertThat(lineage.codeVersion()).isPresent();
        assertThat(lineage.environment()).isPresent();
        assertThat(lineage.gitCommit()).contains("abc123");
        assertThat(lineage.datasets()).extracting(DatasetInput::name).containsExactly("train.csv");
        assertThat(lineage.datasets().get(0).rows()).isEqualTo(2);
        assertThat(lineage.environmentTags()).containsEntry("labbook.java.version", "17.0.12");
        assertThat(lineage.promotions()).extracting(AliasMove::note).containsExactly("ship it");
    }

    @Test
    void fetchCopiesTheArtifactToTheCacheCheckedByItsDigest() throws Exception {
        String run = trained("r", 0.95);
        models().register("m", run, "model.bin", null);
        models().promote(Promotion.of("m", 1, "production"));
        Path cache = tempDir.resolve("cache");
        ResolvedModel resolved = models().fetch("m@production", cache);
        assertThat(Files.readString(resolved.artifact())).isEqualTo("weights of r");
        assertThat(resolved.artifact()).startsWith(cache);
        assertThat(resolved.run().id()).isEqualTo(run);
        assertThat(models().fetch("m@production", cache).artifact()).isEqualTo(resolved.artifact());
        models().register("bare", run, null, null);
        assertThat(models().fetch("bare/1", cache).artifactPath()).isEmpty();
    }

    @Test
    void concurrentPromotionsOfOneAliasAreSerialisedAndTheLaterSeesTheEarlier() throws Exception {
        String low = trained("low", 0.91);
        String high = trained("high", 0.97);
        models().register("m", low, "model.bin", null);
        models().register("m", high, "model.bin", null);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                if (models().model("m").aliases().containsKey("production")) {
                    models().demote("m", "production", null);
                }
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> results = new ArrayList<>();
                for (int version : new int[] {1, 2}) {
                    results.add(pool.submit(() -> {
                        start.await();
                        try (Tracker other = Labbook.open(newStoreUri(tempDir), OPTIONS)) {
                            other.models().promote(Promotion.of("m", version, "production")
                                    .when("metrics.val_auc > 0.9").compareTo("production"));
                            return "moved";
                        } catch (GateFailedException e) {
                            return "refused";
                        }
                    }));
                }
                start.countDown();
                List<String> outcomes = new ArrayList<>();
                for (Future<String> result : results) {
                    outcomes.add(result.get());
                }
                // Whatever the order, the better version ends up in production: if the weaker one came second
                // it saw the stronger one and was refused.
                assertThat(models().resolve("m@production").version()).isEqualTo(2);
                assertThat(outcomes).contains("moved");
            }
        } finally {
            pool.shutdownNow();
        }
        List<AliasMove> trail = models().history("m");
        for (int i = 1; i < trail.size(); i++) {
            AliasMove previous = trail.get(i - 1);
            assertThat(trail.get(i).fromVersion()).as("each move starts where the previous ended")
                    .isEqualTo(previous.toVersion());
        }
    }

    @Test
    void promotionsFromTwoProcessesAreSerialisedAndEachSeesTheOneBefore() throws Exception {
        models().register("m", trained("low", 0.91), "model.bin", null);
        models().register("m", trained("high", 0.97), "model.bin", null);
        int times = 30;
        List<String> plain = runPromotingChildren("plain", times, "production", null);
        assertThat(plain).filteredOn(line -> line.startsWith("MOVED")).hasSize(2 * times);
        List<AliasMove> trail = models().history("m");
        assertThat(trail).extracting(AliasMove::seq).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, 2 * times).boxed().toList());
        for (int i = 1; i < trail.size(); i++) {
            assertThat(trail.get(i).fromVersion()).as("move %d starts where move %d ended", i + 1, i)
                    .isEqualTo(trail.get(i - 1).toVersion());
        }

        // Behind a comparison with the holder, whichever process goes first, the weaker version can never
        // replace the stronger one once it is in.
        List<String> gated = runPromotingChildren("gated", times, "champion", "metrics.val_auc > 0.9");
        assertThat(models().resolve("m@champion").version()).isEqualTo(2);
        List<AliasMove> champion = models().history("m").stream().filter(m -> m.alias().equals("champion")).toList();
        for (int i = 1; i < champion.size(); i++) {
            assertThat(champion.get(i).fromVersion()).isEqualTo(champion.get(i - 1).toVersion());
            if (champion.get(i).fromVersion().equals(OptionalInt.of(2))) {
                assertThat(champion.get(i).toVersion()).as("version 2 is never replaced by version 1")
                        .isEqualTo(OptionalInt.of(2));
            }
        }
        long refused = gated.stream().filter("REFUSED"::equals).count();
        long movedToOne = champion.stream().filter(m -> m.toVersion().equals(OptionalInt.of(1))).count();
        assertThat(movedToOne + refused + champion.stream().filter(m -> m.toVersion().equals(OptionalInt.of(2))).count())
                .as("every attempt either moved the alias or was refused").isEqualTo(2L * times);
    }

    private List<String> runPromotingChildren(String name, int times, String alias, String gate) throws Exception {
        Path barrier = Files.createDirectories(tempDir.resolve("barrier-" + name));
        List<Process> children = new ArrayList<>();
        for (int version : new int[] {1, 2}) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), PromotingChild.class.getName(),
                    newStoreUri(tempDir), barrier.toString(), "m", String.valueOf(version), alias, String.valueOf(times)));
            if (gate != null) {
                command.add(gate);
            }
            children.add(new ProcessBuilder(command)
                    .redirectError(tempDir.resolve("stderr-" + name + "-" + version + ".txt").toFile()).start());
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
        while (!(Files.exists(barrier.resolve("ready-1")) && Files.exists(barrier.resolve("ready-2")))) {
            for (Process child : children) {
                assertThat(child.isAlive()).as("child died early: %s", stderr(name)).isTrue();
            }
            assertThat(System.nanoTime()).as("children did not start in time").isLessThan(deadline);
            Thread.sleep(10);
        }
        Files.createFile(barrier.resolve("go"));
        List<String> lines = new ArrayList<>();
        for (Process child : children) {
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("exit code; stderr: %s", stderr(name)).isZero();
            lines.addAll(output.lines().toList());
        }
        assertThat(lines).hasSize(2 * times);
        return lines;
    }

    private String stderr(String name) throws java.io.IOException {
        StringBuilder all = new StringBuilder();
        for (int version : new int[] {1, 2}) {
            Path file = tempDir.resolve("stderr-" + name + "-" + version + ".txt");
            if (Files.exists(file)) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }

    @Test
    void servingCodeInAnotherJvmReadsTheProductionVersionAndLoadsItsArtifact() throws Exception {
        String weak = trained("weak", 0.87);
        String good = trained("good", 0.95);
        tracker.tag(good, ModelLineage.GIT_COMMIT_TAG, "0123abcd");
        models().register("fraud-detector", weak, "model.bin", null);
        models().register("fraud-detector", good, "model.bin", null);
        models().promote(Promotion.of("fraud-detector", 2, "production").when("metrics.val_auc >= 0.92"));
        Path cache = tempDir.resolve("serving-cache");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ServingChild.class.getName(), "fraud-detector@production")
                .redirectError(tempDir.resolve("stderr-serving.txt").toFile());
        builder.environment().put("LABBOOK_STORE", newStoreUri(tempDir));
        builder.environment().put("LABBOOK_CACHE", cache.toString());
        Process child = builder.start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("stderr: %s", Files.readString(tempDir.resolve("stderr-serving.txt"))).isZero();
        assertThat(output.lines().toList()).startsWith("VERSION 2", "RUN good", "COMMIT 0123abcd", "ARTIFACT weights of good");
        assertThat(output).contains("PATH " + cache.resolve("models"));
    }
}
