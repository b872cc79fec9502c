package org.labbook.extension.view;

import org.labbook.kernel.api.KernelSession;
import org.labbook.magics.ModelReport;
import org.labbook.magics.Track;
import org.labbook.magics.TrackMessage;
import org.labbook.magics.TrackSubcommand;
import org.labbook.magics.grammar.TrackCommand;

/**
 * {@code %track models [NAME]} in a notebook: one model as {@link ModelsView} (table with alias badges and
 * the gate metric chart), or the list of models as text. Archiving and restoring are done by the
 * {@code %track} magic itself before it gets here.
 */
public final class ModelsCommand implements TrackSubcommand {
    @Override
    public String name() {
        return "models";
    }

    @Override
    public Object run(TrackCommand command, KernelSession session) {
        TrackCommand.Models models = (TrackCommand.Models) command;
        if (models.model().isEmpty()) {
            return new TrackMessage(ModelReport.modelsText(Track.tracker().models().models()));
        }
        return ModelsView.of(ModelReport.of(Track.tracker(), models.model().get(), models.all()));
    }
}
