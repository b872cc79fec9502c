package org.labbook.context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.labbook.context.capture.GitCapture;

/**
 * The CI job a process runs in, read from the variables each CI system sets: GitHub Actions, GitLab CI,
 * Jenkins, Buildkite, or any system that sets {@code CI=true}. Only the named, non-secret variables are
 * read (never a token), and URLs lose any credentials.
 *
 * @param system e.g. {@code github-actions}
 * @param tags   {@code ci.system}, {@code ci.pipeline.id}, {@code ci.job.id}, {@code ci.job.url},
 *               {@code ci.branch}, {@code ci.pull_request}, {@code ci.commit}, {@code ci.repository}, ...
 *               (those the system tells)
 */
public record CiContext(String system, Map<String, String> tags) {
    private static final Pattern GITHUB_PULL_REF = Pattern.compile("^refs/pull/(\\d+)/(merge|head)$");

    public CiContext {
        Objects.requireNonNull(system, "system");
        tags = Map.copyOf(tags);
    }

    /** The CI job described by {@code env}, or empty outside CI. */
    public static Optional<CiContext> detect(Map<String, String> env) {
        if (isTrue(env.get("GITHUB_ACTIONS"))) {
            return Optional.of(github(env));
        }
        if (isTrue(env.get("GITLAB_CI"))) {
            return Optional.of(gitlab(env));
        }
        if (isTrue(env.get("BUILDKITE"))) {
            return Optional.of(buildkite(env));
        }
        if (present(env.get("JENKINS_URL")) && present(env.get("BUILD_ID"))) {
            return Optional.of(jenkins(env));
        }
        if (isTrue(env.get("CI"))) {
            Tags tags = new Tags("generic");
            tags.put("ci.commit", env.get("CI_COMMIT_SHA"));
            tags.put("ci.branch", env.get("CI_BRANCH"));
            return Optional.of(tags.build());
        }
        return Optional.empty();
    }

    private static CiContext github(Map<String, String> env) {
        Tags tags = new Tags("github-actions");
        String runId = env.get("GITHUB_RUN_ID");
        tags.put("ci.pipeline.id", runId);
        tags.put("ci.pipeline.attempt", env.get("GITHUB_RUN_ATTEMPT"));
        tags.put("ci.pipeline.name", env.get("GITHUB_WORKFLOW"));
        tags.put("ci.job.id", env.get("GITHUB_JOB"));
        String server = env.getOrDefault("GITHUB_SERVER_URL", "https://github.com");
        String repository = env.get("GITHUB_REPOSITORY");
        if (present(repository) && present(runId)) {
            tags.put("ci.job.url", server + "/" + repository + "/actions/runs/" + runId);
        }
        tags.put("ci.repository", repository);
        // A pull request's workflow checks out a merge ref; its source branch is GITHUB_HEAD_REF.
        tags.put("ci.branch", present(env.get("GITHUB_HEAD_REF")) ? env.get("GITHUB_HEAD_REF") : env.get("GITHUB_REF_NAME"));
        Matcher pull = GITHUB_PULL_REF.matcher(env.getOrDefault("GITHUB_REF", ""));
        if (pull.matches()) {
            tags.put("ci.pull_request", pull.group(1));
        }
        tags.put("ci.commit", env.get("GITHUB_SHA"));
        return tags.build();
    }

    private static CiContext gitlab(Map<String, String> env) {
        Tags tags = new Tags("gitlab-ci");
        tags.put("ci.pipeline.id", env.get("CI_PIPELINE_ID"));
        tags.put("ci.pipeline.url", env.get("CI_PIPELINE_URL"));
        tags.put("ci.job.id", env.get("CI_JOB_ID"));
        tags.put("ci.job.name", env.get("CI_JOB_NAME"));
        tags.put("ci.job.url", env.get("CI_JOB_URL"));
        tags.put("ci.repository", env.get("CI_PROJECT_PATH"));
        tags.put("ci.branch", present(env.get("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME"))
                ? env.get("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME") : env.get("CI_COMMIT_REF_NAME"));
        tags.put("ci.pull_request", env.get("CI_MERGE_REQUEST_IID"));
        tags.put("ci.commit", env.get("CI_COMMIT_SHA"));
        return tags.build();
    }

    private static CiContext buildkite(Map<String, String> env) {
        Tags tags = new Tags("buildkite");
        tags.put("ci.pipeline.id", env.get("BUILDKITE_BUILD_ID"));
        tags.put("ci.pipeline.name", env.get("BUILDKITE_PIPELINE_SLUG"));
        tags.put("ci.job.id", env.get("BUILDKITE_JOB_ID"));
        String buildUrl = env.get("BUILDKITE_BUILD_URL");
        if (present(buildUrl)) {
            tags.put("ci.job.url", present(env.get("BUILDKITE_JOB_ID")) ? buildUrl + "#" + env.get("BUILDKITE_JOB_ID") : buildUrl);
        }
        tags.put("ci.repository", env.get("BUILDKITE_REPO"));
        tags.put("ci.branch", env.get("BUILDKITE_BRANCH"));
        String pull = env.get("BUILDKITE_PULL_REQUEST");
        tags.put("ci.pull_request", "false".equalsIgnoreCase(pull) ? null : pull);
        tags.put("ci.commit", env.get("BUILDKITE_COMMIT"));
        return tags.build();
    }

    private static CiContext jenkins(Map<String, String> env) {
        Tags tags = new Tags("jenkins");
        tags.put("ci.pipeline.id", env.get("BUILD_ID"));
        tags.put("ci.pipeline.name", env.get("JOB_NAME"));
        tags.put("ci.job.id", env.get("BUILD_TAG"));
        tags.put("ci.job.url", env.get("BUILD_URL"));
        tags.put("ci.repository", env.get("GIT_URL"));
        tags.put("ci.branch", present(env.get("CHANGE_BRANCH")) ? env.get("CHANGE_BRANCH")
                : present(env.get("BRANCH_NAME")) ? env.get("BRANCH_NAME") : env.get("GIT_BRANCH"));
        tags.put("ci.pull_request", env.get("CHANGE_ID"));
        tags.put("ci.commit", env.get("GIT_COMMIT"));
        return tags.build();
    }

    private static boolean isTrue(String value) {
        return value != null && (value.equalsIgnoreCase("true") || value.equals("1"));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** Collects tags in order, leaving out what the system did not set, and credentials out of URLs. */
    private static final class Tags {
        private final String system;
        private final Map<String, String> values = new LinkedHashMap<>();

        Tags(String system) {
            this.system = system;
            values.put("ci.system", system);
        }

        void put(String key, String value) {
            if (present(value)) {
                String stripped = value.strip();
                values.put(key, stripped.contains("://") ? GitCapture.withoutCredentials(stripped) : stripped);
            }
        }

        CiContext build() {
            return new CiContext(system, values);
        }
    }
}
