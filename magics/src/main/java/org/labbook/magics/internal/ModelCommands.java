package org.labbook.magics.internal;

import java.util.Optional;

import org.labbook.magics.ModelReport;
import org.labbook.magics.TrackMessage;
import org.labbook.magics.grammar.TrackCommand;
import org.labbook.tracking.AliasMove;
import org.labbook.tracking.ModelRegistry;
import org.labbook.tracking.ModelVersion;
import org.labbook.tracking.Promotion;
import org.labbook.tracking.RunDetails;

/**
 * The registry's {@code %track} subcommands: {@code register}, {@code models}, {@code promote},
 * {@code demote} and {@code lineage}, as calls on the session store's {@link ModelRegistry}. Every refusal
 * comes from the registry as one line, with nothing changed.
 */
final class ModelCommands {
    private final TrackSession session;

    ModelCommands(TrackSession session) {
        this.session = session;
    }

    private ModelRegistry registry() {
        return session.store().tracker().models();
    }

    TrackMessage register(TrackCommand.Register c) {
        RunDetails run = session.resolver().resolve(c.run(), Optional.empty());
        ModelVersion v = registry().register(c.model(), run.id(), c.artifact().orElse(null), c.note().orElse(null));
        return new TrackMessage("Registered run '" + run.name() + "' (" + Formats.shortId(run.id()) + ") as "
                + v.model() + " version " + v.version() + v.artifact().map(a -> " with artifact " + a + " (sha256 "
                + v.artifactSha256().substring(0, 12) + ")").orElse("") + ".");
    }

    TrackMessage promote(TrackCommand.Promote c) {
        Promotion promotion = new Promotion(c.model(), c.version(), c.to(), c.gate().orElse(null),
                c.compareTo().orElse(null), c.note().orElse(null));
        AliasMove move = registry().promote(promotion);
        return new TrackMessage("Promoted " + c.model() + " version " + c.version() + " to " + c.to()
                + (move.fromVersion().isPresent() ? " (was version " + move.fromVersion().getAsInt() + ")" : "")
                + move.gateText().map(g -> "; gate passed: " + g).orElse("")
                + (c.compareTo().isPresent() ? ", at least as good as " + c.compareTo().get() : "") + ".");
    }

    TrackMessage demote(TrackCommand.Demote c) {
        AliasMove move = registry().demote(c.model(), c.from(), c.note().orElse(null));
        return new TrackMessage("Removed alias " + c.from() + " from " + c.model() + " (it pointed at version "
                + move.fromVersion().getAsInt() + ").");
    }

    TrackMessage lineage(TrackCommand.Lineage c) {
        return new TrackMessage(ModelReport.lineageText(c.reference(), registry().lineage(c.reference()),
                session.store().tracker()));
    }

    /** Archives or restores when asked; then the text listing. The notebook view replaces the listing. */
    Optional<TrackMessage> archiveOrRestore(TrackCommand.Models c) {
        if (c.archive().isPresent()) {
            registry().archive(c.model().orElseThrow(), c.archive().getAsInt());
            return Optional.of(new TrackMessage("Archived " + c.model().get() + " version " + c.archive().getAsInt()
                    + "; %track models " + c.model().get() + " --restore " + c.archive().getAsInt() + " brings it back."));
        }
        if (c.restore().isPresent()) {
            registry().restore(c.model().orElseThrow(), c.restore().getAsInt());
            return Optional.of(new TrackMessage("Restored " + c.model().get() + " version " + c.restore().getAsInt() + "."));
        }
        return Optional.empty();
    }

    TrackMessage listing(TrackCommand.Models c) {
        if (c.model().isEmpty()) {
            return new TrackMessage(ModelReport.modelsText(registry().models()));
        }
        return new TrackMessage(ModelReport.of(session.store().tracker(), c.model().get(), c.all()).text());
    }
}
