package org.labbook.extension;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.labbook.kernel.api.CommandLineExtension;
import org.labbook.magics.ModelReport;
import org.labbook.tracking.GateFailedException;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.ModelVersion;
import org.labbook.tracking.Promotion;
import org.labbook.tracking.StoreException;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.TrackerOptions;
import org.labbook.tracking.TrackingException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The model registry for CI and shells: {@code labbook models [NAME]}, {@code labbook models register RUN
 * --model NAME}, {@code labbook models lineage NAME@ALIAS}, {@code labbook models demote MODEL --from ALIAS},
 * {@code labbook models archive|restore MODEL VERSION} and {@code labbook promote MODEL VERSION --to ALIAS
 * [--if EXPR]}. Exit codes, so a pipeline can branch on them: {@value #PROMOTED} done, {@value #STORE_FAILED}
 * the store failed, {@value #USAGE} bad input (unknown option, model, version or alias, malformed gate),
 * {@value #GATE_FAILED} the gate did not hold (nothing moved).
 */
public final class ModelCommands {
    public static final int PROMOTED = 0;
    public static final int STORE_FAILED = 1;
    public static final int USAGE = CommandLine.ExitCode.USAGE;
    public static final int GATE_FAILED = 3;

    private ModelCommands() {
    }

    /** What every registry command shares: the store option and how failures become exit codes. */
    abstract static class StoreTask implements Callable<Integer> {
        @Option(names = "--store", paramLabel = "URI", description = "The store (default: LABBOOK_STORE, else .labbook/"
                + " at the git root, else in the working directory).")
        String store;

        @Spec
        CommandLine.Model.CommandSpec spec;

        abstract String label();

        abstract String work(Tracker tracker);

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (Tracker tracker = Labbook.open(store, TrackerOptions.defaults().withShutdownHook(false))) {
                out.println(work(tracker));
                out.flush();
                return PROMOTED;
            } catch (GateFailedException e) {
                return fail(err, e, GATE_FAILED);
            } catch (StoreException e) {
                return fail(err, e, STORE_FAILED);
            } catch (TrackingException e) {
                return fail(err, e, USAGE);
            }
        }

        private int fail(PrintWriter err, TrackingException e, int code) {
            err.println("labbook " + label() + ": " + e.getMessage().replace('\n', ' '));
            err.flush();
            return code;
        }
    }

    /** {@code labbook models [NAME]}: every model, or one model's versions, aliases and promotions. */
    @Command(name = "models", mixinStandardHelpOptions = true,
            description = {"List registered models, or one model's versions, aliases and promotions.",
                    "Exit codes: 0 done, 1 the store failed, 2 bad input."},
            subcommands = {Register.class, Lineage.class, Demote.class, Archive.class, Restore.class})
    public static final class Models extends StoreTask {
        @Parameters(paramLabel = "NAME", arity = "0..1", description = "A model, e.g. fraud-detector.")
        String model;

        @Option(names = "--all", description = "Also list archived versions.")
        boolean all;

        @Override
        String label() {
            return "models";
        }

        @Override
        String work(Tracker tracker) {
            if (model == null) {
                return ModelReport.modelsText(tracker.models().models());
            }
            return ModelReport.of(tracker, model, all).text();
        }
    }

    /** {@code labbook models register RUN --model NAME [--artifact NAME] [--note TEXT]}. */
    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Register a run (and one of its artifacts, by digest) as the next version of a model.")
    static final class Register extends StoreTask {
        @Parameters(paramLabel = "RUN", description = "A run id, a unique prefix of one, a run name, or 'last'.")
        String run;

        @Option(names = "--model", required = true, paramLabel = "NAME", description = "The model (created on first use).")
        String model;

        @Option(names = "--artifact", paramLabel = "NAME", description = "The run's artifact that holds the model.")
        String artifact;

        @Option(names = "--note", paramLabel = "TEXT", description = "A note on the version.")
        String note;

        @Override
        String label() {
            return "models register";
        }

        @Override
        String work(Tracker tracker) {
            String runId = tracker.resolveRun(run).id();
            ModelVersion v = tracker.models().register(model, runId, artifact, note);
            return "Registered run " + runId + " as " + v.model() + " version " + v.version() + ".";
        }
    }

    /** {@code labbook models lineage NAME@ALIAS}. */
    @Command(name = "lineage", mixinStandardHelpOptions = true,
            description = "Show where a model version came from: run, session, commit and diff, datasets, environment.")
    static final class Lineage extends StoreTask {
        @Parameters(paramLabel = "REF", description = "NAME@ALIAS, NAME/VERSION or NAME.")
        String reference;

        @Override
        String label() {
            return "models lineage";
        }

        @Override
        String work(Tracker tracker) {
            return ModelReport.lineageText(reference, tracker.models().lineage(reference), tracker);
        }
    }

    /** {@code labbook models demote MODEL --from ALIAS [--note TEXT]}: a rollback from CI. */
    @Command(name = "demote", mixinStandardHelpOptions = true,
            description = "Remove an alias from a model (kept in the audit trail).")
    static final class Demote extends StoreTask {
        @Parameters(paramLabel = "MODEL", description = "The model, e.g. fraud-detector.")
        String model;

        @Option(names = "--from", required = true, paramLabel = "ALIAS", description = "The alias to remove.")
        String alias;

        @Option(names = "--note", paramLabel = "TEXT", description = "Why; recorded in the audit trail.")
        String note;

        @Override
        String label() {
            return "models demote";
        }

        @Override
        String work(Tracker tracker) {
            var move = tracker.models().demote(model, alias, note);
            return "Removed alias " + alias + " from " + model + " (it pointed at version "
                    + move.fromVersion().getAsInt() + ").";
        }
    }

    /** {@code labbook models archive MODEL VERSION}: hide a version from listings; aliases refuse it. */
    @Command(name = "archive", mixinStandardHelpOptions = true,
            description = "Hide a model version from listings; no alias may point at it until it is restored.")
    static final class Archive extends StoreTask {
        @Parameters(index = "0", paramLabel = "MODEL", description = "The model, e.g. fraud-detector.")
        String model;

        @Parameters(index = "1", paramLabel = "VERSION", description = "The version number to archive.")
        int version;

        @Override
        String label() {
            return "models archive";
        }

        @Override
        String work(Tracker tracker) {
            tracker.models().archive(model, version);
            return "Archived " + model + " version " + version + "; labbook models restore " + model + " " + version
                    + " brings it back.";
        }
    }

    /** {@code labbook models restore MODEL VERSION}: undo {@code archive}. */
    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Bring an archived model version back into listings and promotions.")
    static final class Restore extends StoreTask {
        @Parameters(index = "0", paramLabel = "MODEL", description = "The model, e.g. fraud-detector.")
        String model;

        @Parameters(index = "1", paramLabel = "VERSION", description = "The version number to restore.")
        int version;

        @Override
        String label() {
            return "models restore";
        }

        @Override
        String work(Tracker tracker) {
            tracker.models().restore(model, version);
            return "Restored " + model + " version " + version + ".";
        }
    }

    /** {@code labbook promote MODEL VERSION --to ALIAS [--if EXPR] [--compare-to ALIAS] [--note TEXT]}. */
    @Command(name = "promote", mixinStandardHelpOptions = true,
            description = {"Point an alias at a model version if its run passes the gate.",
                    "Exit codes: 0 promoted, 1 the store failed, 2 bad input, 3 the gate failed (nothing moved)."})
    public static final class Promote extends StoreTask {
        @Parameters(index = "0", paramLabel = "MODEL", description = "The model, e.g. fraud-detector.")
        String model;

        @Parameters(index = "1", paramLabel = "VERSION", description = "The version number to promote.")
        int version;

        @Option(names = "--to", required = true, paramLabel = "ALIAS", description = "The alias to move, e.g. production.")
        String alias;

        @Option(names = "--if", paramLabel = "EXPR", description = "A gate in the run-search filter language,"
                + " e.g. \"metrics.val_auc >= 0.92\".")
        String gate;

        @Option(names = "--compare-to", paramLabel = "ALIAS", description = "Also require the version to be at least"
                + " as good as this alias's version on the gate's metrics.")
        String compareTo;

        @Option(names = "--note", paramLabel = "TEXT", description = "Why; recorded in the audit trail.")
        String note;

        @Override
        String label() {
            return "promote";
        }

        @Override
        String work(Tracker tracker) {
            var move = tracker.models().promote(new Promotion(model, version, alias, gate, compareTo, note));
            return "Promoted " + model + " version " + version + " to " + alias
                    + (move.fromVersion().isPresent() ? " (was version " + move.fromVersion().getAsInt() + ")" : "")
                    + move.gateText().map(g -> "; gate passed: " + g).orElse("") + ".";
        }
    }

    /** Registers {@code models} with the {@code labbook} command line. */
    public static final class ModelsExtension implements CommandLineExtension {
        @Override
        public Object command() {
            return new Models();
        }
    }

    /** Registers {@code promote} with the {@code labbook} command line. */
    public static final class PromoteExtension implements CommandLineExtension {
        @Override
        public Object command() {
            return new Promote();
        }
    }
}
