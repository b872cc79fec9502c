package org.labbook.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.context.capture.CaptureJson;
import org.labbook.context.capture.CodeVersion;
import org.labbook.context.capture.EnvironmentInfo;
import org.labbook.tracking.ArtifactRef;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.RunStatus;
import org.labbook.tracking.Tracker;

/**
 * A CI job in its own JVM, in a git checkout with an uncommitted change, under GitHub Actions' variables:
 * its run carries the code version, the environment, the CI job and system metrics without a line of
 * tracking code for them.
 */
class CiJobProcessTest {
    private static final String TOKEN = "ghs_16C7e42F292c6912E7710c838347Ae178B4a";
    private static final String PLANTED = "ghp_16C7e42F292c6912E7710c838347Ae178B4a";

    @TempDir
    Path dir;

    @Test
    void aCiJobsRunCarriesCommitDiffEnvironmentCiTagsAndSystemMetrics() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("checkout"));
        RevCommit commit;
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.getRepository().getConfig().setString("remote", "origin", "url", "https://bot:" + TOKEN + "@github.com/lab/fraud.git");
            git.getRepository().getConfig().save();
            Files.writeString(repo.resolve("train.properties"), "lr = 0.01\nepochs = 5\n");
            git.add().addFilepattern("train.properties").call();
            commit = git.commit().setMessage("Baseline").setAuthor("Lab", "lab@example.org").setSign(false).call();
        }
        Files.writeString(repo.resolve("train.properties"), "lr = 0.02\nepochs = 5\ntoken = " + PLANTED + "\n");
        Path store = dir.resolve("store");

        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CiJob.class.getName(), store.toString())
                .directory(repo.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        // Whatever CI runs this test must not leak into the job's variables.
        env.keySet().removeIf(name -> name.startsWith("GITHUB_") || name.startsWith("GITLAB") || name.startsWith("CI")
                || name.startsWith("BUILDKITE") || name.startsWith("JENKINS") || name.startsWith("LABBOOK_"));
        env.putAll(Map.of("CI", "true", "GITHUB_ACTIONS", "true", "GITHUB_RUN_ID", "9876543210",
                "GITHUB_JOB", "train", "GITHUB_REPOSITORY", "lab/fraud", "GITHUB_SERVER_URL", "https://github.com",
                "GITHUB_REF", "refs/pull/42/merge", "GITHUB_HEAD_REF", "feature/lr", "GITHUB_SHA", commit.name(),
                "GITHUB_TOKEN", TOKEN));
        env.put("LABBOOK_SYSTEM_METRICS_INTERVAL", "0.2");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        try (Tracker tracker = Labbook.open(store.toString())) {
            RunDetails run = tracker.resolveRun("ci-job", "nightly");
            assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
            assertThat(run.tags()).containsAllEntriesOf(Map.of(
                    "labbook.git.commit", commit.name(), "labbook.git.branch", "main", "labbook.git.dirty", "true",
                    "labbook.git.remote", "https://github.com/lab/fraud.git",
                    "labbook.java.version", System.getProperty("java.version"),
                    "ci.system", "github-actions", "ci.pipeline.id", "9876543210", "ci.job.id", "train",
                    "ci.job.url", "https://github.com/lab/fraud/actions/runs/9876543210"));
            assertThat(run.tags()).containsEntry("ci.branch", "feature/lr").containsEntry("ci.pull_request", "42")
                    .containsEntry("ci.commit", commit.name());
            assertThat(run.tags().keySet()).noneMatch(key -> key.startsWith("labbook.context.") && key.endsWith(".error"));
            assertThat(String.join("\n", run.tags().values())).doesNotContain(TOKEN);

            List<ArtifactRef> artifacts = tracker.artifacts(run.id());
            CodeVersion code = CaptureJson.codeVersion(read(tracker, artifacts, GitContext.ARTIFACT));
            assertThat(code.commit()).isEqualTo(commit.name());
            assertThat(code.diff()).contains("-lr = 0.01", "+lr = 0.02").doesNotContain(PLANTED);
            EnvironmentInfo environment = CaptureJson.environment(read(tracker, artifacts, EnvironmentContext.ARTIFACT));
            assertThat(environment.javaVersion()).isEqualTo(System.getProperty("java.version"));
            assertThat(environment.environment()).containsEntry("CI", "true");
            assertThat(environment.classpath()).anySatisfy(item -> {
                assertThat(item.maven().orElse("")).startsWith("org.eclipse.jgit:org.eclipse.jgit:");
                assertThat(item.sha256()).isPresent();
            });

            assertThat(run.metrics()).containsKeys("loss", "system/cpu.machine", "system/heap.used_mb", "system/threads");
            assertThat(run.metrics().get("system/heap.used_mb").count()).isGreaterThanOrEqualTo(2);
        }
    }

    private static byte[] read(Tracker tracker, List<ArtifactRef> artifacts, String name) {
        return tracker.readArtifact(artifacts.stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no artifact " + name + " among " + artifacts)));
    }
}
