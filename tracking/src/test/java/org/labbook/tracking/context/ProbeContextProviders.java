package org.labbook.tracking.context;

import org.labbook.tracking.RunStatus;

/**
 * Providers the tests register through {@code META-INF/services}: they act only on runs of experiments
 * whose name starts with {@code context-test}, so every other test's runs stay as they were.
 */
public final class ProbeContextProviders {
    public static final String EXPERIMENT_PREFIX = "context-test";

    private ProbeContextProviders() {
    }

    static boolean mine(RunContext run) {
        return run.experiment().startsWith(EXPERIMENT_PREFIX);
    }

    /** Tags the run at start and at end, the end tag naming the status. */
    public static final class Recording implements RunContextProvider {
        @Override
        public String name() {
            return "probe";
        }

        @Override
        public void started(RunContext run) {
            if (mine(run)) {
                run.tag("probe.started", run.runName());
                run.artifact("started".getBytes(java.nio.charset.StandardCharsets.UTF_8), "probe/started.txt");
            }
        }

        @Override
        public void ended(RunContext run, RunStatus status) {
            if (mine(run)) {
                run.tag("probe.ended", status.name());
            }
        }
    }

    /** Throws at start, as a provider with a broken repository or a missing program might. */
    public static final class Failing implements RunContextProvider {
        @Override
        public String name() {
            return "broken";
        }

        @Override
        public void started(RunContext run) {
            if (mine(run)) {
                throw new IllegalStateException("no repository here");
            }
        }
    }
}
