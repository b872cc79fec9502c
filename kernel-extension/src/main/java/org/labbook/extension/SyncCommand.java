package org.labbook.extension;

import java.util.concurrent.Callable;
import org.labbook.kernel.api.CommandLineExtension;
import org.labbook.tracking.postgres.TeamSync;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code labbook sync [--from PATH] [--to URI]}: sends spooled runs, or a whole embedded store, to a
 * team store; see {@link TeamSync}. Exits 0 when done (also when nothing changed), 1 when the store
 * failed or some runs could not be sent, 2 on bad input.
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Send the runs of an embedded store to a store, once: by default the spool of the team store",
                "LABBOOK_STORE names (runs logged while its server was away). Running it again changes nothing."})
public final class SyncCommand implements Callable<Integer> {
    @Option(names = "--from", paramLabel = "PATH", description = "The embedded store (a folder) to send; default: the"
            + " spool of the target team store.")
    String from;

    @Option(names = "--to", paramLabel = "URI", description = "The store to send to; default: LABBOOK_STORE, else"
            + " .labbook/ at the git root or in the working directory.")
    String to;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return TeamSync.run(from, to, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Registers {@code sync} with the {@code labbook} command line. */
    public static final class Extension implements CommandLineExtension {
        @Override
        public Object command() {
            return new SyncCommand();
        }
    }
}
