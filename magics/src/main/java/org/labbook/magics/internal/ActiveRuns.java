package org.labbook.magics.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.labbook.kernel.api.KernelSession;
import org.labbook.magics.MetricListener;
import org.labbook.tracking.ArtifactRef;
import org.labbook.tracking.DatasetInput;
import org.labbook.tracking.Param;
import org.labbook.tracking.Run;
import org.labbook.tracking.RunBuilder;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.RunSource;
import org.labbook.tracking.RunStatus;
import org.labbook.tracking.Tag;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.spi.Validation;

/**
 * "The current run" of a notebook session, and logging to it. Runs nest: {@code %track start --nested}
 * pushes a child, {@code %track end} pops back to its parent. This is the only place that keeps a
 * current run; everything below it takes an explicit {@link Run}.
 *
 * <p>Every operation checks all its input before the first write, so a mistake changes nothing in the
 * store. Metric logging is the hot path: it reads one volatile field and appends to the run's buffer.
 */
public final class ActiveRuns {
    static final String DEFAULT_EXPERIMENT = "default";

    private final StoreConnection store;
    private final KernelSession kernel;
    private final Deque<Run> stack = new ArrayDeque<>();
    /** The top of {@link #stack}, readable without the lock by metric calls from any thread. */
    private volatile Run top;
    private String experiment;
    private Long pendingSeed;
    private final RunListeners runListeners;
    private final AutoSteps autoSteps = new AutoSteps();
    private final MetricListeners metricListeners = new MetricListeners(autoSteps::clear);

    public ActiveRuns(StoreConnection store, KernelSession kernel) {
        this(store, kernel, RunListeners.none());
    }

    public ActiveRuns(StoreConnection store, KernelSession kernel, RunListeners runListeners) {
        this.store = store;
        this.kernel = kernel;
        this.runListeners = runListeners;
    }

    /** Adds a listener to every metric point logged through this class, until the registration is closed. */
    public AutoCloseable listen(MetricListener listener) {
        return metricListeners.add(listener);
    }

    /**
     * The experiment runs go to when none is named: the last one a run was started in, else the notebook's
     * file name (without {@code .ipynb}) when the kernel knows it, else "default".
     */
    public synchronized String experiment() {
        if (experiment != null) {
            return experiment;
        }
        return kernel.notebookPath()
                .map(p -> p.getFileName() == null ? "" : p.getFileName().toString().replaceFirst("\\.ipynb$", ""))
                .filter(name -> !name.isBlank() && isValidName(name))
                .orElse(DEFAULT_EXPERIMENT);
    }

    /** The active run, if any (ended runs are dropped, also when the user ended one through its handle). */
    public Optional<Run> current() {
        Run run = top;
        if (run != null && run.isActive()) {
            return Optional.of(run);
        }
        return Optional.ofNullable(prune());
    }

    /** The active run, or an error saying to start one before {@code action}. */
    public Run require(String action) {
        Run run = top;
        if (run != null && run.isActive()) {
            return run;
        }
        Run pruned = prune();
        if (pruned == null) {
            throw TrackErrors.noActiveRun(action);
        }
        return pruned;
    }

    private synchronized Run prune() {
        while (!stack.isEmpty() && !stack.peek().isActive()) {
            // Ended through its own handle (run.end()), not through this class: tell the listeners now.
            Run ended = stack.pop();
            runListeners.ended(ended, store.tracker().details(ended.id()).status());
        }
        top = stack.peek();
        return top;
    }

    // ---- starting and ending -------------------------------------------------------------------

    /** Starts a run and makes it the current one; see the class comment for nesting. */
    public synchronized Run start(StartRequest request, RunResolver resolver) {
        Optional<Run> active = current();
        if (active.isPresent() && !request.nested()) {
            Run run = active.get();
            throw TrackErrors.usage("Run '" + run.name() + "' (" + Formats.shortId(run.id()) + ") is still active: end it"
                    + " first with %track end (or Track.end()), or start a child run of it with --nested.");
        }
        if (request.nested() && active.isEmpty()) {
            throw TrackErrors.usage("--nested starts a child of the active run, but no run is active: drop --nested,"
                    + " or give the parent with --parent RUN.");
        }
        String parentId = null;
        String parentExperiment = null;
        if (request.nested()) {
            parentId = active.get().id();
            parentExperiment = active.get().experiment();
        } else if (request.parent().isPresent()) {
            RunDetails parent = resolver.resolve(request.parent().get(), request.experiment().or(() -> Optional.of(experiment())));
            parentId = parent.id();
            parentExperiment = parent.info().experimentName();
        }
        String experimentName = request.experiment().orElse(parentExperiment != null ? parentExperiment : experiment());
        // Check everything before the store sees anything.
        Validation.name("experiment name", experimentName);
        request.name().ifPresent(n -> Validation.name("run name", n));
        request.tags().forEach(Tag::new);
        request.note().ifPresent(n -> Validation.value("note", "note", n, Validation.MAX_NOTE_LENGTH));

        Tracker tracker = store.tracker();
        RunBuilder builder = tracker.newRun(experimentName).name(request.name().orElse(null)).tags(request.tags())
                .source(source());
        if (parentId != null) {
            builder.parent(parentId);
        }
        Run run = builder.start();
        stack.push(run);
        top = run;
        experiment = experimentName;
        request.note().ifPresent(run::note);
        if (pendingSeed != null) {
            run.param("seed", pendingSeed);
            pendingSeed = null;
        }
        runListeners.started(run);
        return run;
    }

    private RunSource source() {
        String notebook = kernel.notebookPath().map(Path::toString).orElse(null);
        return RunSource.notebook(notebook, kernel.sessionId());
    }

    /** Ends the current run; its parent, if it was nested, becomes current again. */
    public synchronized RunDetails end(RunStatus status) {
        Run run = require("end");
        endAndPop(run, status);
        prune();
        return store.tracker().details(run.id());
    }

    /** Ends every run of the session, innermost first (kernel shutdown). */
    public synchronized void endAll(RunStatus status) {
        while (prune() != null) {
            endAndPop(top, status);
        }
    }

    private void endAndPop(Run run, RunStatus status) {
        run.end(status);
        stack.remove(run);
        top = stack.peek();
        runListeners.ended(run, status);
    }

    // ---- logging --------------------------------------------------------------------------------

    /** Logs params in one batch; nothing is stored when one of them is invalid or conflicts. */
    public void params(Map<String, ?> values) {
        Run run = require("log params to");
        Map<String, Object> texts = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            Object text = ParamValues.text(value);
            Param.of(key, text);
            texts.put(key, text);
        });
        run.params(texts);
    }

    /** Logs metric values at one step, or each at its next step when {@code step} is null. */
    public void metrics(Map<String, Double> values, Long step) {
        Run run = require("log metrics to");
        values.keySet().forEach(key -> Validation.key("metric key", key));
        MetricListener[] listeners = metricListeners.current();
        if (listeners.length == 0) {
            if (step == null) {
                run.metrics(values);
            } else {
                run.metrics(values, step);
            }
            return;
        }
        values.forEach((key, value) -> {
            if (step == null) {
                metric(key, value);
            } else {
                metric(key, value, step);
            }
        });
    }

    public void metric(String key, double value, long step) {
        Run run = require("log a metric to");
        run.metric(key, value, step);
        MetricListener[] listeners = metricListeners.current();
        if (listeners.length != 0) {
            autoSteps.saw(run, key, step);
            MetricListeners.publish(listeners, run.id(), key, step, System.currentTimeMillis(), value);
        }
    }

    public void metric(String key, double value) {
        Run run = require("log a metric to");
        MetricListener[] listeners = metricListeners.current();
        if (listeners.length == 0) {
            run.metric(key, value);
            return;
        }
        // The step is chosen here, not by the run, so that the listeners see the one the store keeps.
        Validation.key("metric key", key);
        long step = autoSteps.next(run, key, store.tracker());
        run.metric(key, value, step);
        MetricListeners.publish(listeners, run.id(), key, step, System.currentTimeMillis(), value);
    }

    public void tags(Map<String, String> tags) {
        Run run = require("tag");
        tags.forEach(Tag::new);
        run.tags(tags);
    }

    public void note(String text) {
        require("add a note to").note(text);
    }

    public ArtifactRef artifact(String path, Optional<String> name) {
        Run run = require("attach an artifact to");
        Path file = existing(path, "artifact");
        if (Files.isDirectory(file)) {
            throw TrackErrors.usage("'" + path + "' is a folder; an artifact is one file. Attach each file, or zip the folder first.");
        }
        return name.isPresent() ? run.artifact(file, name.get()) : run.artifact(file);
    }

    public DatasetInput dataset(String path, Optional<String> name) {
        Run run = require("record a dataset for");
        Path file = existing(path, "dataset");
        return name.isPresent() ? run.dataset(file, name.get()) : run.dataset(file);
    }

    /**
     * Records a random seed: as the param {@code seed} of the current run, or, with no run active, of the
     * next run started in this session (seeds are usually set before training starts).
     *
     * @return whether it was logged now (false: kept for the next run)
     */
    public synchronized boolean seed(long seed) {
        Optional<Run> run = current();
        if (run.isPresent()) {
            run.get().param("seed", seed);
            return true;
        }
        pendingSeed = seed;
        return false;
    }

    private static Path existing(String path, String what) {
        Path file;
        try {
            file = Path.of(path);
        } catch (java.nio.file.InvalidPathException e) {
            throw TrackErrors.usage("Invalid " + what + " path '" + path + "': " + e.getReason() + ".");
        }
        if (!Files.exists(file)) {
            throw TrackErrors.usage("No " + what + " file '" + path + "' (relative paths start at "
                    + Path.of("").toAbsolutePath() + "). Check the path.");
        }
        return file;
    }

    private static boolean isValidName(String name) {
        try {
            Validation.name("experiment name", name);
            return true;
        } catch (RuntimeException invalid) {
            return false;
        }
    }
}
