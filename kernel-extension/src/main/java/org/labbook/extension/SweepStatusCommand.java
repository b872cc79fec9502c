package org.labbook.extension;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.labbook.kernel.api.CommandLineExtension;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.NotFoundException;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.TrackingException;
import org.labbook.tracking.spi.TrialRecord;
import org.labbook.tracking.spi.TrialState;
import org.labbook.tracking.sweep.Sweep;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code labbook sweep status NAME [--store URI]}: a sweep's progress from a shell, as its workers see it
 * in the store: trials by state against the budget, the best trial with its params, and the trials still
 * running with their workers. Exits 0, 1 when the store fails, 2 on bad input (an unknown sweep).
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, description = "Follow hyperparameter sweeps.",
        subcommands = SweepStatusCommand.Status.class)
public final class SweepStatusCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: use status.");
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Print a sweep's progress: trials by state, the best trial and its params.")
    static final class Status implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "The sweep's name.")
        String name;

        @Option(names = "--store", paramLabel = "URI",
                description = "The store (default: LABBOOK_STORE, else .labbook/ at the git root or here).")
        String store;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (Tracker tracker = store == null ? Labbook.open() : Labbook.open(store)) {
                Sweep sweep;
                try {
                    sweep = Sweep.get(tracker, name);
                } catch (NotFoundException e) {
                    List<String> names = Sweep.names(tracker);
                    err.println("labbook sweep status: No sweep named '" + name + "' in the " + tracker.location().describe()
                            + (names.isEmpty() ? "; it has no sweeps." : "; its sweeps are " + String.join(", ", names) + "."));
                    err.flush();
                    return CommandLine.ExitCode.USAGE;
                }
                out.print(describe(sweep));
                out.flush();
                return 0;
            } catch (TrackingException e) {
                err.println("labbook sweep status: " + e.getMessage());
                err.flush();
                return 1;
            }
        }

        static String describe(Sweep sweep) {
            List<TrialRecord> trials = sweep.trials();
            Sweep.Progress p = sweep.progress();
            StringBuilder text = new StringBuilder();
            text.append("Sweep ").append(sweep.name()).append(" in experiment ").append(sweep.experiment()).append(": ")
                    .append(sweep.objective()).append(", strategy ").append(sweep.strategy()).append(", seed ")
                    .append(sweep.seed()).append(sweep.pruner().enabled() ? ", pruner " + sweep.pruner() : "")
                    .append('\n');
            int proposed = (int) trials.stream().filter(t -> t.attempt() == 1).count();
            text.append("Trials: ").append(p.complete() + p.pruned() + p.failed()).append(" of ").append(p.budget())
                    .append(" done (").append(p.complete()).append(" complete, ").append(p.pruned()).append(" pruned, ")
                    .append(p.failed()).append(" failed), ").append(p.running()).append(" running, ")
                    .append(p.queued()).append(" queued, ").append(p.crashed()).append(" crashed, ").append(p.killed())
                    .append(" killed; ").append(p.budget() - proposed).append(" not started yet\n");
            if (p.best().isPresent()) {
                Sweep.TrialResult b = p.best().get();
                text.append("Best: trial ").append(b.number()).append(" (run ").append(b.runId()).append(") ")
                        .append(sweep.objective().metric()).append(" = ").append(b.value()).append('\n');
                b.params().forEach((k, v) -> text.append("  ").append(k).append(" = ").append(v).append('\n'));
            } else {
                text.append("Best: no completed trial yet\n");
            }
            for (TrialRecord t : trials) {
                if (t.state() == TrialState.RUNNING) {
                    text.append("Running: trial ").append(t.number()).append(" on ").append(t.worker().orElse("?"))
                            .append('\n');
                }
            }
            return text.toString();
        }
    }

    /** Registers {@code sweep} with the {@code labbook} command line. */
    public static final class Extension implements CommandLineExtension {
        @Override
        public Object command() {
            return new SweepStatusCommand();
        }
    }
}
