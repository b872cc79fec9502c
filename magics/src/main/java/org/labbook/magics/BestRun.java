package org.labbook.magics;

import org.labbook.kernel.api.MimeBundle;
import org.labbook.kernel.api.MimeBundleProvider;
import org.labbook.magics.grammar.TrackCommand.Goal;
import org.labbook.magics.internal.Formats;
import org.labbook.tracking.RunDetails;

/**
 * What {@code %track best} returns: the run with the lowest or highest latest value of a metric, and the
 * ranking it was chosen from (best first).
 */
public record BestRun(String metric, Goal goal, RunDetails best, RunTable ranking) implements MimeBundleProvider {

    /** The winning value: the metric's latest value in the best run. */
    public double value() {
        return best.metrics().get(metric).latest();
    }

    public String text() {
        String direction = goal == Goal.MIN ? "lowest" : "highest";
        return "Best run by " + direction + " " + metric + ": " + best.name() + " (" + Formats.shortId(best.id()) + ") with "
                + metric + " = " + Formats.number(value()) + "\n\n" + ranking.text();
    }

    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.text(text());
    }
}
