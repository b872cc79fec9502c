package org.labbook.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CiContextTest {

    @Test
    void githubActionsPullRequestGivesSystemRunJobUrlBranchPullRequestAndCommit() {
        Map<String, String> env = new HashMap<>(Map.of(
                "CI", "true", "GITHUB_ACTIONS", "true", "GITHUB_RUN_ID", "9876543210", "GITHUB_RUN_ATTEMPT", "2",
                "GITHUB_JOB", "train", "GITHUB_WORKFLOW", "nightly", "GITHUB_REPOSITORY", "lab/fraud",
                "GITHUB_SERVER_URL", "https://github.com", "GITHUB_REF", "refs/pull/42/merge",
                "GITHUB_HEAD_REF", "feature/lr"));
        env.put("GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567");
        env.put("GITHUB_REF_NAME", "42/merge");
        env.put("GITHUB_TOKEN", "ghs_0123456789abcdefghijklmnopqrstuvwxyzAB");
        env.put("ACTIONS_RUNTIME_TOKEN", "eyJhbGciOi.secret.payload");

        CiContext ci = CiContext.detect(env).orElseThrow();

        assertThat(ci.system()).isEqualTo("github-actions");
        assertThat(ci.tags()).containsAllEntriesOf(Map.of(
                "ci.system", "github-actions", "ci.pipeline.id", "9876543210", "ci.pipeline.attempt", "2",
                "ci.job.id", "train", "ci.job.url", "https://github.com/lab/fraud/actions/runs/9876543210",
                "ci.branch", "feature/lr", "ci.pull_request", "42",
                "ci.commit", "0123456789abcdef0123456789abcdef01234567", "ci.repository", "lab/fraud"));
        assertThat(String.join(" ", ci.tags().values())).doesNotContain("ghs_", "eyJ");
    }

    @Test
    void githubActionsPushUsesTheRefNameAndHasNoPullRequest() {
        CiContext ci = CiContext.detect(Map.of("GITHUB_ACTIONS", "true", "GITHUB_REF", "refs/heads/main",
                "GITHUB_REF_NAME", "main", "GITHUB_HEAD_REF", "")).orElseThrow();
        assertThat(ci.tags()).containsEntry("ci.branch", "main").doesNotContainKey("ci.pull_request");
    }

    @Test
    void gitlabMergeRequestPipeline() {
        CiContext ci = CiContext.detect(Map.of("CI", "true", "GITLAB_CI", "true", "CI_PIPELINE_ID", "555",
                "CI_JOB_ID", "777", "CI_JOB_URL", "https://gitlab.example/lab/fraud/-/jobs/777",
                "CI_COMMIT_REF_NAME", "refs/merge-requests/9/head", "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "feature/x",
                "CI_MERGE_REQUEST_IID", "9", "CI_COMMIT_SHA", "abc123", "CI_JOB_TOKEN", "glcbt-secret")).orElseThrow();
        assertThat(ci.tags()).containsAllEntriesOf(Map.of("ci.system", "gitlab-ci", "ci.pipeline.id", "555",
                "ci.job.id", "777", "ci.job.url", "https://gitlab.example/lab/fraud/-/jobs/777", "ci.branch", "feature/x",
                "ci.pull_request", "9", "ci.commit", "abc123"));
        assertThat(ci.tags().values()).noneMatch(v -> v.contains("glcbt"));
    }

    @Test
    void jenkinsMultibranchBuildAndCredentialsLeaveItsUrls() {
        CiContext ci = CiContext.detect(Map.of("JENKINS_URL", "https://ci.example/", "BUILD_ID", "31",
                "BUILD_TAG", "jenkins-fraud-PR-7-31", "BUILD_URL", "https://bot:s3cr3t@ci.example/job/fraud/PR-7/31/",
                "JOB_NAME", "fraud/PR-7", "CHANGE_ID", "7", "CHANGE_BRANCH", "feature/y", "GIT_COMMIT", "def456"))
                .orElseThrow();
        assertThat(ci.tags()).containsAllEntriesOf(Map.of("ci.system", "jenkins", "ci.pipeline.id", "31",
                "ci.job.id", "jenkins-fraud-PR-7-31", "ci.job.url", "https://ci.example/job/fraud/PR-7/31/",
                "ci.branch", "feature/y", "ci.pull_request", "7", "ci.commit", "def456"));
    }

    @Test
    void buildkiteBuildThatIsNoPullRequest() {
        CiContext ci = CiContext.detect(Map.of("BUILDKITE", "true", "BUILDKITE_BUILD_ID", "b-1", "BUILDKITE_JOB_ID", "j-2",
                "BUILDKITE_BUILD_URL", "https://buildkite.com/lab/fraud/builds/12", "BUILDKITE_BRANCH", "main",
                "BUILDKITE_PULL_REQUEST", "false", "BUILDKITE_COMMIT", "0ff1ce", "BUILDKITE_AGENT_ACCESS_TOKEN", "bkua_x"))
                .orElseThrow();
        assertThat(ci.tags()).containsAllEntriesOf(Map.of("ci.system", "buildkite", "ci.pipeline.id", "b-1",
                "ci.job.id", "j-2", "ci.job.url", "https://buildkite.com/lab/fraud/builds/12#j-2", "ci.branch", "main",
                "ci.commit", "0ff1ce")).doesNotContainKey("ci.pull_request");
    }

    @Test
    void anyOtherSystemThatSetsCiIsGenericAndOutsideCiThereIsNothing() {
        assertThat(CiContext.detect(Map.of("CI", "true")).orElseThrow().tags()).containsExactly(Map.entry("ci.system", "generic"));
        assertThat(CiContext.detect(Map.of("CI", "1")).orElseThrow().system()).isEqualTo("generic");
        assertThat(CiContext.detect(Map.of("CI", "false", "HOME", "/root"))).isEmpty();
        assertThat(CiContext.detect(Map.of())).isEmpty();
    }
}
