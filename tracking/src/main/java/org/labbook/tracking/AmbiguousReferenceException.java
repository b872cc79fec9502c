package org.labbook.tracking;

import java.util.List;

import org.labbook.tracking.spi.Validation;

/**
 * A run reference (an id prefix or a run name) matches more than one run. The message lists the
 * candidates so the user can pick a longer prefix or the full id.
 */
public class AmbiguousReferenceException extends TrackingException {
    private final List<String> candidates;

    public AmbiguousReferenceException(String reference, List<String> candidates) {
        super("Run reference '" + Validation.shorten(reference) + "' matches " + candidates.size()
                + " runs (" + String.join(", ", candidates.subList(0, Math.min(5, candidates.size())))
                + (candidates.size() > 5 ? ", ..." : "")
                + "); use a longer id prefix or the full run id.");
        this.candidates = List.copyOf(candidates);
    }

    /** The ids of the matching runs. */
    public List<String> candidates() {
        return candidates;
    }
}
