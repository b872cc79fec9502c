package org.labbook.tracking.context;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.labbook.tracking.Tag;
import org.labbook.tracking.spi.RunStore;

/**
 * What a {@link RunContextProvider} sees of a run and may add to it. Writes go to the store at once
 * (tags, artifacts), as for params, so they do not wait behind the run's metrics.
 */
public final class RunContext {
    private final RunStore store;
    private final String runId;
    private final String runName;
    private final String experiment;
    private final Map<String, String> environment;
    private final Path workingDirectory;

    public RunContext(RunStore store, String runId, String runName, String experiment,
                      Map<String, String> environment, Path workingDirectory) {
        this.store = Objects.requireNonNull(store, "store");
        this.runId = Objects.requireNonNull(runId, "runId");
        this.runName = Objects.requireNonNull(runName, "runName");
        this.experiment = Objects.requireNonNull(experiment, "experiment");
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
    }

    public String runId() {
        return runId;
    }

    public String runName() {
        return runName;
    }

    public String experiment() {
        return experiment;
    }

    /** The process's environment variables (read once per run). */
    public Map<String, String> environment() {
        return environment;
    }

    /** Where the process runs: git capture looks for the repository around it. */
    public Path workingDirectory() {
        return workingDirectory;
    }

    /** Sets tags in one write; empty values are left out, since they say nothing. */
    public void tags(Map<String, String> tags) {
        List<Tag> kept = new ArrayList<>();
        tags.forEach((key, value) -> {
            if (value != null && !value.isEmpty()) {
                kept.add(new Tag(key, value));
            }
        });
        if (!kept.isEmpty()) {
            store.setTags(runId, kept);
        }
    }

    public void tag(String key, String value) {
        tags(Map.of(key, value == null ? "" : value));
    }

    /** Attaches bytes under a name such as {@code labbook/code-version.json}: the source first, then the name. */
    public void artifact(byte[] content, String name) {
        store.putArtifact(runId, name, content);
    }
}
