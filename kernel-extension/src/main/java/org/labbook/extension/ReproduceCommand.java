package org.labbook.extension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.labbook.kernel.api.CommandLineExtension;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.TrackingException;
import org.labbook.tracking.Tracker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code labbook reproduce RUN [--tolerance 0.001] [--store URI]}: re-executes a run's session in a fresh
 * kernel and prints, for every final metric, the original value, the reproduced one, their relative
 * difference and whether it is within the tolerance. Exits 0 when all are, 1 when one is not, 2 on bad input.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Re-run a run's session notebook in a fresh kernel and compare its final metrics.")
public final class ReproduceCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", description = "The run: its id, an id prefix, its name, or 'last'.")
    String run;

    @Option(names = "--tolerance", paramLabel = "RELATIVE", defaultValue = "0.001",
            description = "Largest relative difference that counts as reproduced (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--store", paramLabel = "URI",
            description = "The store (default: LABBOOK_STORE, else .labbook/ at the git root or here).")
    String store;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            spec.commandLine().getErr().println("labbook reproduce: --tolerance must be a number >= 0, e.g."
                    + " --tolerance 0.001 (a relative difference of 0.1%).");
            return 2;
        }
        Path work = Files.createTempDirectory("labbook-reproduce");
        try (Tracker tracker = store == null ? Labbook.open() : Labbook.open(store)) {
            Reproduction.Result result = Reproduction.run(tracker, run, tolerance, work, spec.commandLine().getErr());
            spec.commandLine().getOut().print(Reproduction.table(result));
            spec.commandLine().getOut().flush();
            return result.succeeded() ? 0 : 1;
        } catch (TrackingException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("labbook reproduce: " + e.getMessage());
            return 2;
        }
    }

    /** Registers {@code reproduce} with the {@code labbook} command line. */
    public static final class Extension implements CommandLineExtension {
        @Override
        public Object command() {
            return new ReproduceCommand();
        }
    }
}
