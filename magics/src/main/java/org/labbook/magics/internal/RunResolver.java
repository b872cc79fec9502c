package org.labbook.magics.internal;

import java.util.List;
import java.util.Optional;
import org.labbook.tracking.NotFoundException;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.RunQuery;
import org.labbook.tracking.Tracker;

/**
 * Finds the run a RUN argument means: a run id, a unique prefix of one, a run name within the
 * experiment, or {@code last}. The tracking core does the lookup; this adds deleted runs for
 * {@code %track restore}, which the ordinary lookup does not see.
 */
public final class RunResolver {
    private final StoreConnection store;

    public RunResolver(StoreConnection store) {
        this.store = store;
    }

    public RunDetails resolve(String reference, Optional<String> experiment) {
        return resolveIn(store.tracker(), reference, experiment);
    }

    private static RunDetails resolveIn(Tracker tracker, String reference, Optional<String> experiment) {
        return experiment.isPresent() ? tracker.resolveRun(reference, experiment.get()) : tracker.resolveRun(reference);
    }

    /** Like {@link #resolve}, but also finds deleted runs by name or id prefix. */
    public RunDetails resolveIncludingDeleted(String reference, Optional<String> experiment) {
        Tracker tracker = store.tracker();
        try {
            return resolveIn(tracker, reference, experiment);
        } catch (NotFoundException notLive) {
            RunQuery query = RunQuery.all().includingDeleted().limit(RunQuery.MAX_LIMIT);
            if (experiment.isPresent() && tracker.experiment(experiment.get()).isPresent()) {
                query = query.experiments(List.of(experiment.get()));
            }
            String ref = reference.strip();
            List<RunDetails> matches = tracker.runs(query).runs().stream()
                    .filter(r -> r.info().deleted())
                    .filter(r -> r.name().equals(ref) || r.id().startsWith(ref))
                    .toList();
            if (matches.size() == 1) {
                return matches.get(0);
            }
            if (matches.size() > 1) {
                throw new org.labbook.tracking.AmbiguousReferenceException(ref,
                        matches.stream().map(RunDetails::id).toList());
            }
            throw notLive;
        }
    }
}
