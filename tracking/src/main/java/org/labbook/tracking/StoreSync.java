package org.labbook.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.labbook.tracking.spi.MetricColumns;
import org.labbook.tracking.spi.NewRun;
import org.labbook.tracking.spi.NumberedColumns;
import org.labbook.tracking.spi.RunStore;

/**
 * Copies the runs of one store into another: spooled runs into the team store they were meant for, or a
 * whole embedded store into a team store. Every run keeps its id, name, experiment, user, times, source,
 * params, tags, notes, metrics, artifacts and datasets.
 *
 * <p>Copying again changes nothing: a run already there is completed, never duplicated. Params and tags
 * the target has with the same value are left alone; notes whose text the target run already has are
 * skipped; artifacts are compared by name and digest; metric points are sent numbered under one writer
 * id, {@value #WRITER}, so points the target stored in an earlier copy (or in a copy cut short by a
 * crash or a lost connection) are skipped by the store's marks. A key the target already holds at least
 * as many points of (it was copied some other way, or the run went from this store to that one before)
 * is left alone. Deleted runs are not copied. A run still RUNNING in the source stays RUNNING in the
 * target; one that ended ends there too, unless the target run has ended already. Experiment tags are
 * copied too (the experiment is created in the target if it has none of that name); a tag the target
 * has with another value takes the source's.
 */
public final class StoreSync {
    /** The writer id under which copied points are numbered in the target's marks. */
    public static final String WRITER = "labbook-sync";
    private static final int PAGE = 500;
    private static final int POINTS_PER_BATCH = 50_000;

    /** What one copy did. {@code changedRuns} counts runs that got anything; zero means nothing changed. */
    public record Result(int runs, int newRuns, int changedRuns, long points, int notes, int artifacts,
                         int experimentTags, List<String> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        /** One line for people: how many runs, how many were new, what moved. */
        public String describe() {
            String tags = experimentTags == 0 ? "" : "; " + experimentTags + " experiment tag"
                    + (experimentTags == 1 ? "" : "s") + " copied";
            if (changedRuns == 0) {
                return runs + " run" + (runs == 1 ? "" : "s") + " checked, all already there; "
                        + (experimentTags == 0 ? "nothing changed" : "no run changed" + tags);
            }
            return runs + " run" + (runs == 1 ? "" : "s") + " checked: " + newRuns + " new, " + (changedRuns - newRuns)
                    + " completed; " + points + " metric point" + (points == 1 ? "" : "s") + ", " + notes + " note"
                    + (notes == 1 ? "" : "s") + " and " + artifacts + " artifact" + (artifacts == 1 ? "" : "s") + " copied" + tags;
        }
    }

    /** Where a copy is: runs done out of the total, for progress lines. */
    public record Progress(int done, int total, long points) {
    }

    private final RunStore from;
    private final RunStore to;
    private final Consumer<Progress> progress;

    private StoreSync(RunStore from, RunStore to, Consumer<Progress> progress) {
        this.from = from;
        this.to = to;
        this.progress = progress;
    }

    /** Copies every run of {@code from} that is not deleted into {@code to}, calling {@code progress} after each run. */
    public static Result copy(RunStore from, RunStore to, Consumer<Progress> progress) {
        return new StoreSync(from, to, progress).copyAll();
    }

    private Result copyAll() {
        List<RunDetails> runs = new ArrayList<>();
        Optional<String> token = Optional.empty();
        do {
            RunQuery query = RunQuery.all().orderBy("attributes.start_time ASC").limit(PAGE);
            RunPage page = from.search(token.map(query::page).orElse(query));
            runs.addAll(page.runs());
            token = page.nextPageToken();
        } while (token.isPresent());
        // Parents before children, so that a child's parent id names a run the target has.
        int newRuns = 0;
        int changedRuns = 0;
        long points = 0;
        int notes = 0;
        int artifacts = 0;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            RunDetails run = runs.get(i);
            Copied copied;
            try {
                copied = copyRun(run);
            } catch (ParamConflictException | NotFoundException | ValidationException e) {
                problems.add("run '" + run.name() + "' (" + run.id() + "): " + e.getMessage());
                progress.accept(new Progress(i + 1, runs.size(), points));
                continue;
            }
            newRuns += copied.created ? 1 : 0;
            changedRuns += copied.changed() ? 1 : 0;
            points += copied.points;
            notes += copied.notes;
            artifacts += copied.artifacts;
            progress.accept(new Progress(i + 1, runs.size(), points));
        }
        int experimentTags = copyExperimentTags();
        return new Result(runs.size(), newRuns, changedRuns, points, notes, artifacts, experimentTags, problems);
    }

    /** The tags of the source's experiments that the target lacks or holds with another value; how many. */
    private int copyExperimentTags() {
        int copied = 0;
        for (Experiment experiment : from.experiments(false)) {
            if (experiment.tags().isEmpty()) {
                continue;
            }
            Map<String, String> present = to.findExperiment(experiment.name())
                    .orElseGet(() -> to.createExperiment(experiment.name())).tags();
            for (Map.Entry<String, String> tag : new TreeMap<>(experiment.tags()).entrySet()) {
                if (!tag.getValue().equals(present.get(tag.getKey()))) {
                    to.setExperimentTag(experiment.name(), new Tag(tag.getKey(), tag.getValue()));
                    copied++;
                }
            }
        }
        return copied;
    }

    private static final class Copied {
        boolean created;
        boolean other;
        long points;
        int notes;
        int artifacts;

        boolean changed() {
            return created || other || points > 0 || notes > 0 || artifacts > 0;
        }
    }

    private Copied copyRun(RunDetails source) {
        Copied copied = new Copied();
        RunInfo info = source.info();
        Optional<RunDetails> existing = to.findRun(info.id());
        if (existing.isEmpty()) {
            String parent = info.parentRunId() != null && to.findRun(info.parentRunId()).isPresent() ? info.parentRunId() : null;
            to.createRun(new NewRun(info.id(), info.name(), info.experimentName(), info.startTime(), info.user(), parent,
                    info.source(), List.of()));
            copied.created = true;
        }
        RunDetails target = existing.orElseGet(() -> to.findRun(info.id()).orElseThrow());

        List<Param> params = new ArrayList<>();
        source.params().forEach((k, v) -> {
            if (!target.params().containsKey(k)) {
                params.add(new Param(k, v));
            } else if (!target.params().get(k).equals(v)) {
                throw new ParamConflictException(info.id(), k, target.params().get(k), v);
            }
        });
        List<Tag> tags = new ArrayList<>();
        source.tags().forEach((k, v) -> {
            if (!v.equals(target.tags().get(k))) {
                tags.add(new Tag(k, v));
            }
        });
        if (!params.isEmpty() || !tags.isEmpty()) {
            to.logBatch(info.id(), params, tags);
            copied.other = true;
        }

        copied.points = copyMetrics(info.id(), source.metrics(), target.metrics());
        copied.notes = copyNotes(info.id());
        copied.artifacts = copyArtifacts(info.id());

        Map<String, DatasetInput> datasets = new HashMap<>();
        for (DatasetInput d : to.datasets(info.id())) {
            datasets.put(d.name(), d);
        }
        for (DatasetInput d : from.datasets(info.id())) {
            if (!d.equals(datasets.get(d.name()))) {
                to.addDataset(info.id(), d);
                copied.other = true;
            }
        }

        RunStatus status = info.status();
        if (status != RunStatus.RUNNING && (copied.created || target.info().status() == RunStatus.RUNNING)) {
            Instant end = info.endTime() != null ? info.endTime() : info.lastHeartbeat();
            to.endRun(info.id(), status, end);
            copied.other = true;
        }
        return copied;
    }

    private long copyMetrics(String runId, Map<String, MetricSummary> source, Map<String, MetricSummary> target) {
        long copied = 0;
        for (Map.Entry<String, MetricSummary> metric : source.entrySet()) {
            String key = metric.getKey();
            MetricSummary there = target.get(key);
            if (there != null && there.count() >= metric.getValue().count()) {
                continue;
            }
            List<MetricPoint> points = from.history(runId, key, Integer.MAX_VALUE);
            for (int start = 0; start < points.size(); start += POINTS_PER_BATCH) {
                int size = Math.min(POINTS_PER_BATCH, points.size() - start);
                long[] steps = new long[size];
                long[] times = new long[size];
                double[] values = new double[size];
                for (int i = 0; i < size; i++) {
                    MetricPoint p = points.get(start + i);
                    steps[i] = p.step();
                    times[i] = p.timestamp();
                    values[i] = p.value();
                }
                to.appendNumberedMetrics(List.of(new NumberedColumns(
                        new MetricColumns(runId, key, steps, times, values, size), WRITER, start)));
            }
            long before = there == null ? 0 : there.count();
            MetricSummary after = to.metricSummaries(runId).get(key);
            copied += (after == null ? 0 : after.count()) - before;
        }
        return copied;
    }

    /** Notes in order; a note whose text the target run already has (as often) is there already. */
    private int copyNotes(String runId) {
        Map<String, Integer> there = new LinkedHashMap<>();
        for (Note note : to.notes(runId)) {
            there.merge(note.text(), 1, Integer::sum);
        }
        int copied = 0;
        for (Note note : from.notes(runId)) {
            Integer left = there.get(note.text());
            if (left != null && left > 0) {
                there.put(note.text(), left - 1);
            } else {
                to.addNote(runId, note.text());
                copied++;
            }
        }
        return copied;
    }

    private int copyArtifacts(String runId) {
        Map<String, String> there = new HashMap<>();
        for (ArtifactRef ref : to.artifacts(runId)) {
            there.put(ref.name(), ref.sha256());
        }
        int copied = 0;
        for (ArtifactRef ref : from.artifacts(runId)) {
            if (ref.sha256().equals(there.get(ref.name()))) {
                continue;
            }
            try {
                Path folder = Files.createTempDirectory("labbook-sync-");
                Path file = folder.resolve("artifact");
                try {
                    from.exportArtifact(ref, file);
                    to.putArtifact(runId, ref.name(), file);
                } finally {
                    Files.deleteIfExists(file);
                    Files.deleteIfExists(folder);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot copy artifact '" + ref.name() + "' of run " + runId, e);
            }
            copied++;
        }
        return copied;
    }
}
