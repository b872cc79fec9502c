package org.labbook.tracking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.labbook.tracking.spi.NewRun;
import org.labbook.tracking.spi.Validation;

/**
 * Options for a new run beyond experiment and name: a parent (nested runs), where it came from, and
 * initial tags. Get one from {@link Tracker#newRun}.
 *
 * <pre>{@code
 * Run child = tracker.newRun("fraud/baseline").name("fold-3").parent(sweep.id()).start();
 * }</pre>
 */
public final class RunBuilder {
    private final Tracker tracker;
    private final String experiment;
    private String name;
    private String parentRunId;
    private RunSource source = RunSource.none();
    private String user;
    private final List<Tag> tags = new ArrayList<>();

    RunBuilder(Tracker tracker, String experiment) {
        this.tracker = tracker;
        this.experiment = experiment;
        this.user = tracker.options().user();
    }

    /** The run's name; null or never called gives a generated name. */
    public RunBuilder name(String runName) {
        this.name = runName == null ? null : Validation.name("run name", runName);
        return this;
    }

    /** Nests the run under another run. */
    public RunBuilder parent(String runId) {
        this.parentRunId = runId;
        return this;
    }

    public RunBuilder source(RunSource runSource) {
        this.source = Validation.required("run source", runSource);
        return this;
    }

    /** Who ran it; defaults to the tracker's user ({@link TrackerOptions#user()}), the operating system user. */
    public RunBuilder user(String userName) {
        this.user = Validation.value("run user", "user", userName, Validation.MAX_NAME_LENGTH);
        return this;
    }

    public RunBuilder tag(String key, String value) {
        tags.add(new Tag(key, value));
        return this;
    }

    public RunBuilder tags(Map<String, String> values) {
        values.forEach(this::tag);
        return this;
    }

    /** Creates the run in the store (RUNNING) and returns the live handle. */
    public Run start() {
        String runName = name != null ? name : Tracker.defaultRunName();
        return tracker.start(new NewRun(Tracker.newRunId(), runName, experiment, Instant.now(), user, parentRunId,
                source, tags));
    }
}
