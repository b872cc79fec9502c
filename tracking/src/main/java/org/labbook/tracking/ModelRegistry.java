package org.labbook.tracking;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.labbook.tracking.query.Filter;
import org.labbook.tracking.query.Op;
import org.labbook.tracking.spi.ModelStore;
import org.labbook.tracking.spi.Validation;

/**
 * The model registry of a store: named models, numbered versions that point at runs, aliases such as
 * {@code production} that point at one version each, and an audit trail of every alias move. Reach it
 * with {@link Tracker#models()}:
 *
 * <pre>{@code
 * try (Tracker tracker = Labbook.open()) {
 *     ModelRegistry models = tracker.models();
 *     ModelVersion v = models.register("fraud-detector", run.id(), "model.bin", "first try");
 *     models.promote(Promotion.of("fraud-detector", v.version(), "production").when("metrics.val_auc >= 0.92"));
 * }
 * }</pre>
 *
 * Every change is one transaction; a refused change (bad name, unknown version, failed gate) changes
 * nothing and says why in one line.
 */
public final class ModelRegistry {
    /** How often a promotion re-checks its gate when another promotion of the same alias got in first. */
    private static final int MAX_ATTEMPTS = 50;

    private final Tracker tracker;
    private final ModelStore store;

    ModelRegistry(Tracker tracker, ModelStore store) {
        this.tracker = tracker;
        this.store = store;
    }

    // ---- changes ------------------------------------------------------------------------------------

    /**
     * Makes the next version of {@code model} (created on first use) from a run and, when
     * {@code artifactName} is not null, one of the run's artifacts, whose digest is recorded.
     */
    public ModelVersion register(String model, String runId, String artifactName, String note) {
        ModelNames.model(model);
        Validation.required("run id", runId);
        checkNote(note);
        RunDetails run = tracker.details(runId);
        ArtifactRef artifact = null;
        if (artifactName != null) {
            List<ArtifactRef> artifacts = tracker.artifacts(run.id());
            artifact = artifacts.stream().filter(a -> a.name().equals(artifactName)).findFirst().orElseThrow(() ->
                    new NotFoundException("Run '" + run.name() + "' (" + run.id() + ") has no artifact '"
                            + Validation.shorten(artifactName) + "'. It has: " + names(artifacts)
                            + ". Attach it first with Track.artifact(path) or run.artifact(path)."));
        }
        return store.registerVersion(model, run.id(), artifact, note, tracker.options().user(), Instant.now());
    }

    /**
     * Points the alias at the version when its gate holds. Concurrent promotions of one alias are
     * serialised: the later one checks its gate against the version the earlier one put in place.
     *
     * @throws GateFailedException when the gate does not hold; nothing is moved
     */
    public AliasMove promote(Promotion promotion) {
        String model = promotion.model();
        checkNote(promotion.note());
        Optional<Gate> gate = promotion.gate().map(Gate::parse);
        if (promotion.compareTo() != null && (gate.isEmpty() || gate.get().metricOrderings().isEmpty())) {
            throw new ValidationException("--compare-to " + promotion.compareTo() + " compares on the metrics the gate"
                    + " orders, and this gate has none. Add one, e.g. --if \"metrics.val_auc >= 0.9\".");
        }
        requireModel(model);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            ModelVersion candidate = version(model, promotion.version());
            if (candidate.archived()) {
                throw new ValidationException("Version " + candidate.version() + " of model '" + model
                        + "' is archived, so no alias may point at it. Restore it first: %track models " + model
                        + " --restore " + candidate.version() + ".");
            }
            OptionalInt expected = store.versionByAlias(model, promotion.alias())
                    .map(v -> OptionalInt.of(v.version())).orElse(OptionalInt.empty());
            if (gate.isPresent()) {
                checkGate(promotion, gate.get(), candidate, expected);
            }
            Optional<AliasMove> moved = store.moveAlias(model, promotion.alias(), expected,
                    OptionalInt.of(candidate.version()), tracker.options().user(), Instant.now(), promotion.note(),
                    gate.map(Gate::toString).orElse(null));
            if (moved.isPresent()) {
                return moved.get();
            }
        }
        throw new StoreException("Could not promote " + model + "/" + promotion.version() + " to " + promotion.alias()
                + ": other promotions kept moving it. Try again.");
    }

    /** Removes an alias; the move is recorded in the audit trail. */
    public AliasMove demote(String model, String alias, String note) {
        ModelNames.model(model);
        ModelNames.alias(alias);
        checkNote(note);
        requireModel(model);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            ModelVersion holder = store.versionByAlias(model, alias).orElseThrow(() -> new NotFoundException(
                    "Model '" + model + "' has no alias '" + alias + "'. Its aliases: " + aliasList(model) + "."));
            Optional<AliasMove> moved = store.moveAlias(model, alias, OptionalInt.of(holder.version()),
                    OptionalInt.empty(), tracker.options().user(), Instant.now(), note, null);
            if (moved.isPresent()) {
                return moved.get();
            }
        }
        throw new StoreException("Could not demote " + model + "@" + alias + ": other promotions kept moving it. Try again.");
    }

    /** Hides a version from listings; aliases refuse it until it is restored. */
    public void archive(String model, int version) {
        ModelNames.model(model);
        ModelNames.version(model, version);
        requireModel(model);
        store.setArchived(model, version, true);
    }

    public void restore(String model, int version) {
        ModelNames.model(model);
        ModelNames.version(model, version);
        requireModel(model);
        store.setArchived(model, version, false);
    }

    // ---- reads --------------------------------------------------------------------------------------

    /** Every registered model, by name, with its aliases. */
    public List<RegisteredModel> models() {
        return store.models();
    }

    public RegisteredModel model(String name) {
        ModelNames.model(name);
        return requireModel(name);
    }

    /** A model's versions, newest first, without archived ones. */
    public List<ModelVersion> versions(String model) {
        return versions(model, false);
    }

    public List<ModelVersion> versions(String model, boolean includeArchived) {
        ModelNames.model(model);
        requireModel(model);
        return store.versions(model, includeArchived);
    }

    /** The model's audit trail of alias moves, oldest first. */
    public List<AliasMove> history(String model) {
        ModelNames.model(model);
        requireModel(model);
        return store.history(model);
    }

    /** The version {@code NAME@alias}, {@code NAME/3} or {@code NAME} (its latest unarchived version) names. */
    public ModelVersion resolve(String reference) {
        return resolve(ModelReference.parse(reference));
    }

    public ModelVersion resolve(ModelReference reference) {
        String model = reference.model();
        if (reference.alias().isPresent()) {
            Optional<ModelVersion> found = store.versionByAlias(model, reference.alias().get());
            if (found.isPresent()) {
                return found.get();
            }
            requireModel(model);
            throw new NotFoundException("Model '" + model + "' has no alias '" + reference.alias().get()
                    + "'. Its aliases: " + aliasList(model) + ". Promote a version: %track promote " + model
                    + " VERSION --to " + reference.alias().get() + ".");
        }
        if (reference.version().isPresent()) {
            return version(model, reference.version().getAsInt());
        }
        requireModel(model);
        return store.versions(model, false).stream().findFirst().orElseThrow(() -> new NotFoundException(
                "Model '" + model + "' has no version that is not archived. Restore one or register a run."));
    }

    /** Version → run → session notebook, commit and diff, datasets, environment; and the promotions. */
    public ModelLineage lineage(String reference) {
        return lineage(resolve(reference));
    }

    public ModelLineage lineage(ModelVersion version) {
        RunDetails run = tracker.store().findRun(version.runId()).orElseThrow(() -> new NotFoundException(
                "Version " + version.version() + " of model '" + version.model() + "' points at run '" + version.runId()
                        + "', which is not in the store any more."));
        List<ArtifactRef> artifacts = tracker.artifacts(run.id());
        Optional<ArtifactRef> artifact = version.artifact().flatMap(name -> artifacts.stream()
                .filter(a -> a.name().equals(name) && a.sha256().equals(version.artifactSha256())).findFirst());
        Map<String, String> environmentTags = new TreeMap<>();
        run.tags().forEach((key, value) -> {
            if (key.startsWith("labbook.")) {
                environmentTags.put(key, value);
            }
        });
        return new ModelLineage(version, run, artifact, named(artifacts, ModelLineage.SESSION_NOTEBOOK),
                Optional.ofNullable(run.tags().get(ModelLineage.GIT_COMMIT_TAG))
                        .or(() -> Optional.ofNullable(run.info().source().gitCommit())),
                named(artifacts, ModelLineage.CODE_VERSION), tracker.datasets(run.id()),
                named(artifacts, ModelLineage.ENVIRONMENT), environmentTags, store.history(version.model()));
    }

    /**
     * The version with its lineage and its artifact as a local file in {@code cacheFolder}, named by its
     * digest so a second call reads nothing from the store.
     */
    public ResolvedModel fetch(String reference, Path cacheFolder) {
        ModelLineage lineage = lineage(reference);
        ModelVersion version = lineage.version();
        if (version.artifact().isEmpty()) {
            return new ResolvedModel(lineage, Optional.empty());
        }
        ArtifactRef artifact = lineage.artifact().orElseThrow(() -> new NotFoundException("Version "
                + version.version() + " of model '" + version.model() + "' records artifact '" + version.artifactName()
                + "' (SHA-256 " + version.artifactSha256() + "), but its run no longer holds that content."));
        Path folder = cacheFolder.resolve(artifact.sha256());
        Path target = folder.resolve(Path.of(artifact.name()).getFileName().toString());
        try {
            if (!Files.isRegularFile(target) || Files.size(target) != artifact.size()) {
                Files.createDirectories(folder);
                Path partial = Files.createTempFile(folder, ".download-", ".part");
                try {
                    tracker.exportArtifact(artifact, partial);
                    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(partial);
                }
            }
        } catch (IOException e) {
            throw new StoreException("Cannot copy the artifact of " + version.reference() + " to " + folder + ": "
                    + e.getMessage(), e);
        }
        return new ResolvedModel(lineage, Optional.of(target));
    }

    /** The versions (of any model) that point at a run. */
    public List<ModelVersion> versionsOfRun(String runId) {
        return store.versionsOfRun(runId);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private void checkGate(Promotion promotion, Gate gate, ModelVersion candidate, OptionalInt currentHolder) {
        String model = promotion.model();
        RunDetails run = tracker.store().findRun(candidate.runId()).orElseThrow(() -> new NotFoundException(
                "Version " + candidate.version() + " of model '" + model + "' points at run '" + candidate.runId()
                        + "', which is not in the store any more."));
        String unchanged = currentHolder.isPresent()
                ? promotion.alias() + " still points at version " + currentHolder.getAsInt()
                : promotion.alias() + " still points at no version";
        Optional<Filter> failing = gate.failingClause(tracker, run.id());
        if (failing.isPresent()) {
            throw new GateFailedException("Gate failed for " + model + "/" + candidate.version() + " (run " + run.name()
                    + "): " + failing.get() + " does not hold; the run has "
                    + Gate.actualValues(failing.get(), run, tracker.datasets(run.id())) + ". Nothing moved: "
                    + unchanged + ".", failing.get().toString());
        }
        if (promotion.compareTo() == null) {
            return;
        }
        Optional<ModelVersion> holder = store.versionByAlias(model, promotion.compareTo());
        if (holder.isEmpty() || holder.get().version() == candidate.version()) {
            return;
        }
        RunDetails holderRun = tracker.store().findRun(holder.get().runId()).orElse(null);
        if (holderRun == null) {
            return;
        }
        for (Filter.Compare clause : gate.metricOrderings()) {
            Optional<Double> mine = Gate.metric(clause.operand(), run);
            Optional<Double> theirs = Gate.metric(clause.operand(), holderRun);
            if (theirs.isEmpty() || theirs.get().isNaN()) {
                continue;
            }
            boolean higherIsBetter = clause.op() == Op.GT || clause.op() == Op.GE;
            boolean asGood = mine.isPresent() && !mine.get().isNaN()
                    && (higherIsBetter ? mine.get() >= theirs.get() : mine.get() <= theirs.get());
            if (!asGood) {
                String comparison = clause.operand() + (higherIsBetter ? " >= " : " <= ") + promotion.compareTo();
                throw new GateFailedException("Gate failed for " + model + "/" + candidate.version() + " (run "
                        + run.name() + "): " + comparison + " does not hold; the run has " + clause.operand() + " = "
                        + mine.map(Gate::number).orElse("(none)") + ", " + promotion.compareTo() + " (version "
                        + holder.get().version() + ") has " + Gate.number(theirs.get()) + ". Nothing moved: "
                        + unchanged + ".", comparison);
            }
        }
    }

    private RegisteredModel requireModel(String model) {
        return store.findModel(model).orElseThrow(() -> {
            List<String> known = store.models().stream().map(RegisteredModel::name).toList();
            return new NotFoundException("No model named '" + model + "'. "
                    + (known.isEmpty() ? "No model is registered yet" : "Registered models: " + String.join(", ", known))
                    + ". Register a run with %track register RUN --model " + model + ".");
        });
    }

    private ModelVersion version(String model, int version) {
        return store.findVersion(model, version).orElseThrow(() -> {
            requireModel(model);
            List<ModelVersion> all = store.versions(model, true);
            return new NotFoundException("Model '" + model + "' has no version " + version + "; it has versions 1 to "
                    + (all.isEmpty() ? 0 : all.get(0).version()) + ". List them with %track models " + model + ".");
        });
    }

    private String aliasList(String model) {
        Map<String, Integer> aliases = store.findModel(model).map(RegisteredModel::aliases).orElse(Map.of());
        return aliases.isEmpty() ? "none" : aliases.entrySet().stream()
                .map(e -> e.getKey() + " → " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static Optional<ArtifactRef> named(List<ArtifactRef> artifacts, String name) {
        return artifacts.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    private static String names(List<ArtifactRef> artifacts) {
        List<String> names = new ArrayList<>();
        for (ArtifactRef a : artifacts) {
            if (!a.name().startsWith("labbook/")) {
                names.add(a.name());
            }
        }
        return names.isEmpty() ? "no artifacts of its own" : String.join(", ", names);
    }

    private static void checkNote(String note) {
        if (note != null && note.length() > Validation.MAX_NOTE_LENGTH) {
            throw new ValidationException("Invalid note: it is " + note.length() + " characters long; the limit is "
                    + Validation.MAX_NOTE_LENGTH + ". Shorten it.");
        }
    }
}
