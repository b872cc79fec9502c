package org.labbook.extension.view;

import java.util.SplittableRandom;

import org.labbook.kernel.api.KernelSession;
import org.labbook.magics.Track;
import org.labbook.magics.TrackSubcommand;
import org.labbook.magics.grammar.TrackCommand;
import org.labbook.tracking.sweep.Objective;
import org.labbook.tracking.sweep.Pruner;
import org.labbook.tracking.sweep.Space;
import org.labbook.tracking.sweep.Strategy;
import org.labbook.tracking.sweep.Sweep;

/**
 * {@code %%track sweep NAME ...} (defines a sweep from the cell's space lines), {@code %track sweep show
 * NAME} and {@code %track best --sweep NAME}. Mistakes in the definition are the sweep library's one-line
 * messages; nothing is stored until the whole definition is valid.
 */
public final class SweepCommand implements TrackSubcommand {
    /** Trials of a sweep whose cell names none. */
    static final int DEFAULT_TRIALS = 20;

    @Override
    public String name() {
        return "sweep";
    }

    @Override
    public Object run(TrackCommand command, KernelSession session) {
        if (command instanceof TrackCommand.SweepCell cell) {
            return create(cell);
        }
        if (command instanceof TrackCommand.SweepShow show) {
            return SweepViews.show(Sweep.get(Track.tracker(), show.sweep()), Track.tracker());
        }
        if (command instanceof TrackCommand.SweepBest best) {
            return SweepViews.best(Sweep.get(Track.tracker(), best.sweep()));
        }
        throw new IllegalArgumentException("not a sweep command: " + command);
    }

    private static HtmlView create(TrackCommand.SweepCell cell) {
        // The space's lines start on the cell's second line: a leading newline makes the grammar's line
        // numbers those of the cell.
        Space space = Space.parse("\n" + cell.space());
        Objective objective = cell.maximize() ? Objective.maximize(cell.objective()) : Objective.minimize(cell.objective());
        Strategy strategy = Strategy.parse(cell.strategy().orElse("tpe"));
        Pruner pruner = Pruner.parse(cell.prune().orElse("none"));
        long seed = cell.seed().isPresent() ? cell.seed().getAsLong() : new SplittableRandom().nextLong() & 0xFFFF_FFFFL;
        Sweep sweep = Sweep.create(Track.tracker(), new Sweep.Definition(cell.name(),
                cell.experiment().orElseGet(Track::experiment), space, objective, strategy,
                cell.trials().orElse(DEFAULT_TRIALS), seed, pruner));
        String text = "Created sweep " + sweep.name() + " in experiment " + sweep.experiment() + ": "
                + sweep.space().dimensions().size() + " params, " + sweep.objective() + ", strategy " + sweep.strategy()
                + ", seed " + sweep.seed() + ", " + sweep.budget() + " trials"
                + (sweep.pruner().enabled() ? ", pruner " + sweep.pruner() : "")
                + ". Run trials with Sweep.get(\"" + sweep.name() + "\").run(trial -> ...).";
        return new HtmlView("<div class=\"lb-sweep-created\">" + Html.escape(text) + "</div>", text);
    }
}
