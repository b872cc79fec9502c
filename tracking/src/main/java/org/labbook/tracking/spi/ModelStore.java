package org.labbook.tracking.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.labbook.tracking.AliasMove;
import org.labbook.tracking.ArtifactRef;
import org.labbook.tracking.ModelVersion;
import org.labbook.tracking.RegisteredModel;

/**
 * The model registry's storage, kept in the same store as the runs it points at ({@link RunStore#models()}).
 * Policy (gates, comparisons with the current holder, who may do what) lives above it in
 * {@link org.labbook.tracking.ModelRegistry}; this interface stores and reads, and makes every alias
 * move atomic.
 *
 * <p>Every method is safe to call from several threads and processes. Names passed in are already
 * validated.
 */
public interface ModelStore {

    /**
     * Makes the next version of {@code model} (creating the model on first use), pointing at a run and,
     * when {@code artifact} is not null, at one of its artifacts by name and digest.
     */
    ModelVersion registerVersion(String model, String runId, ArtifactRef artifact, String note, String user, Instant at);

    /** Every registered model, by name. */
    List<RegisteredModel> models();

    Optional<RegisteredModel> findModel(String name);

    /** A model's versions, newest first; archived ones only when asked. */
    List<ModelVersion> versions(String model, boolean includeArchived);

    Optional<ModelVersion> findVersion(String model, int version);

    /** The version an alias of a model points at. */
    Optional<ModelVersion> versionByAlias(String model, String alias);

    /**
     * Points {@code alias} at {@code target} (or removes it when {@code target} is empty) and appends the
     * move to the model's audit trail, in one transaction that serialises with every other move of the
     * same model — but only if the alias still points at {@code expected} (empty: at nothing). Returns the
     * recorded move, or empty when the alias was moved meanwhile, so that the caller can check its gate
     * again against the new holder.
     *
     * @throws org.labbook.tracking.NotFoundException when the model or the target version does not exist
     * @throws org.labbook.tracking.ValidationException when the target version is archived
     */
    Optional<AliasMove> moveAlias(String model, String alias, OptionalInt expected, OptionalInt target, String user,
                                  Instant at, String note, String gate);

    /** The model's audit trail of alias moves, oldest first. */
    List<AliasMove> history(String model);

    /**
     * Archives or restores a version. An archived version is hidden from listings and no alias may point
     * at it; archiving a version an alias points at is refused.
     */
    void setArchived(String model, int version, boolean archived);

    /** Every version, of any model, that points at this run (archived ones included). */
    List<ModelVersion> versionsOfRun(String runId);
}
