package org.labbook.magics;

import org.labbook.kernel.api.KernelSession;
import org.labbook.magics.grammar.TrackCommand;

/**
 * Implements a {@code %track} subcommand that the grammar reserves for another module (session
 * snapshots: {@code snapshot}, {@code export}, {@code diff}; live charts: {@code live}). List the
 * implementation in {@code META-INF/services/org.labbook.magics.TrackSubcommand}; the {@code %track}
 * magic finds it with {@link java.util.ServiceLoader} when the kernel starts. The grammar stays in one
 * table: the implementation receives the parsed record, never the raw text.
 */
public interface TrackSubcommand {

    /** The subcommand's name in the grammar, e.g. "snapshot". */
    String name();

    /**
     * Runs the parsed command. A non-null value is shown as the cell's result; throw
     * {@link org.labbook.kernel.api.UserError} for a mistake of the user.
     */
    Object run(TrackCommand command, KernelSession session) throws Exception;
}
