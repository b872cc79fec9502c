package org.labbook.context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.labbook.context.capture.CaptureJson;
import org.labbook.context.capture.CodeVersion;
import org.labbook.tracking.context.RunContext;
import org.labbook.tracking.context.RunContextProvider;

/**
 * The code version of the git repository around the working directory: commit, branch, dirty flag,
 * remote without credentials (tags {@code labbook.git.*}) and the uncommitted diff with secrets redacted
 * (artifact {@code labbook/code-version.json}). Nothing when the process runs outside a repository.
 */
public final class GitContext implements RunContextProvider {
    public static final String NAME = "git";
    public static final String ARTIFACT = "labbook/code-version.json";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void started(RunContext run) {
        Optional<CodeVersion> found = Captures.git().capture(run.workingDirectory());
        if (found.isEmpty()) {
            return;
        }
        CodeVersion version = found.get();
        run.artifact(CaptureJson.codeVersion(version), ARTIFACT);
        run.tags(tags(version));
    }

    /** The tags a code version gives a run; the kernel extension sets the same for a notebook's directory. */
    public static Map<String, String> tags(CodeVersion version) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("labbook.git.commit", version.commit());
        tags.put("labbook.git.branch", version.branch());
        tags.put("labbook.git.dirty", String.valueOf(version.dirty()));
        tags.put("labbook.git.remote", version.remoteUrl());
        return tags;
    }
}
