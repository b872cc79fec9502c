package org.labbook.kernel.eval;

import org.labbook.kernel.api.CellOutcome;

/** Carries a failed outcome out of a magic that ran Java ({@code %load}, {@code %time}) to the cell. */
final class CellFailure extends RuntimeException {
    private final transient CellOutcome outcome;

    CellFailure(CellOutcome outcome) {
        super(null, null, false, false);
        this.outcome = outcome;
    }

    CellOutcome outcome() {
        return outcome;
    }
}
