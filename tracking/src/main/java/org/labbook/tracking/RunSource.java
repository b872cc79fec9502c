package org.labbook.tracking;

import org.labbook.tracking.spi.Validation;

/**
 * What produced a run: a notebook (its path and the kernel session), or a program (its entry point).
 * Every field may be null when unknown; the kernel fills in what it knows. The git commit is here so a
 * run answers "which code produced this" without reading tags.
 */
public record RunSource(String notebookPath, String kernelSession, String entryPoint, String gitCommit) {
    private static final RunSource NONE = new RunSource(null, null, null, null);

    public RunSource {
        checkLength("notebook path", notebookPath);
        checkLength("kernel session", kernelSession);
        checkLength("entry point", entryPoint);
        checkLength("git commit", gitCommit);
    }

    /** A source with nothing known. */
    public static RunSource none() {
        return NONE;
    }

    /** A run started from a notebook. */
    public static RunSource notebook(String notebookPath, String kernelSession) {
        return new RunSource(notebookPath, kernelSession, null, null);
    }

    /** A run started by a program, e.g. a CI job's main class. */
    public static RunSource program(String entryPoint) {
        return new RunSource(null, null, entryPoint, null);
    }

    public RunSource withGitCommit(String commit) {
        return new RunSource(notebookPath, kernelSession, entryPoint, commit);
    }

    private static void checkLength(String what, String value) {
        if (value != null) {
            Validation.value("run source " + what, what, value, Validation.MAX_PARAM_VALUE_LENGTH);
        }
    }
}
