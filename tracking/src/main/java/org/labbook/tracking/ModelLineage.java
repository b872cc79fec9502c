package org.labbook.tracking;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.labbook.tracking.spi.Validation;

/**
 * Where a model version came from, by following links: version → run → what the run recorded. The
 * notebook kernel attaches the session as a notebook ({@value #SESSION_NOTEBOOK}), the git commit, branch
 * and uncommitted diff ({@value #CODE_VERSION}, tag {@value #GIT_COMMIT_TAG}) and the environment (Java,
 * OS, classpath with digests: {@value #ENVIRONMENT}); a CI job records what it logged itself. Missing
 * pieces are empty, never errors: a run logged from plain Java has no session.
 *
 * @param artifact the registered artifact as the run holds it now, when its digest still matches
 * @param environmentTags the run's {@code labbook.*} tags (Java version, host, git branch...)
 * @param promotions the model's audit trail, oldest first
 */
public record ModelLineage(ModelVersion version, RunDetails run, Optional<ArtifactRef> artifact,
                           Optional<ArtifactRef> sessionNotebook, Optional<String> gitCommit,
                           Optional<ArtifactRef> codeVersion, List<DatasetInput> datasets,
                           Optional<ArtifactRef> environment, Map<String, String> environmentTags,
                           List<AliasMove> promotions) {
    public static final String SESSION_NOTEBOOK = "labbook/session.ipynb";
    public static final String CODE_VERSION = "labbook/code-version.json";
    public static final String ENVIRONMENT = "labbook/environment.json";
    public static final String GIT_COMMIT_TAG = "labbook.git.commit";

    public ModelLineage {
        Validation.required("version", version);
        Validation.required("run", run);
        Validation.required("artifact", artifact);
        Validation.required("session notebook", sessionNotebook);
        Validation.required("git commit", gitCommit);
        Validation.required("code version", codeVersion);
        datasets = List.copyOf(Validation.required("datasets", datasets));
        Validation.required("environment", environment);
        environmentTags = Map.copyOf(Validation.required("environment tags", environmentTags));
        promotions = List.copyOf(Validation.required("promotions", promotions));
    }
}
