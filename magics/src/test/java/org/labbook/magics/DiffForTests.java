package org.labbook.magics;

import org.labbook.kernel.api.KernelSession;
import org.labbook.magics.grammar.TrackCommand;

/** Stands in for the module that implements {@code %track diff}: echoes the record it receives. */
public final class DiffForTests implements TrackSubcommand {
    @Override
    public String name() {
        return "diff";
    }

    @Override
    public Object run(TrackCommand command, KernelSession session) {
        TrackCommand.Diff diff = (TrackCommand.Diff) command;
        return new TrackMessage("diff " + diff.runA() + " -> " + diff.runB());
    }
}
