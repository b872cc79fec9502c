package org.labbook.magics.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.labbook.kernel.api.MagicCall;
import org.labbook.kernel.api.UserError;
import org.labbook.magics.ResultOutputs;
import org.labbook.magics.RunComparison;
import org.labbook.magics.TrackMessage;
import org.labbook.magics.TrackSubcommand;
import org.labbook.magics.grammar.Subcommands;
import org.labbook.magics.grammar.TrackCommand;
import org.labbook.magics.grammar.TrackCommand.ParamArg;
import org.labbook.magics.grammar.TrackParser;
import org.labbook.magics.grammar.TrackSyntaxException;
import org.labbook.tracking.ArtifactRef;
import org.labbook.tracking.DatasetInput;
import org.labbook.tracking.Run;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.RunStatus;
import org.labbook.tracking.StoreLocation;
import org.labbook.tracking.TrackingException;

/**
 * The {@code %track} line and cell magics: parse with the grammar, then turn each command record into
 * calls on the session. Every failure reaches the user as one {@link UserError} line that ends with the
 * subcommand's usage; nothing is written before the input has been checked.
 */
public final class TrackCommands {
    private final TrackSession session;
    private final Map<String, TrackSubcommand> extensions;
    private final List<ResultOutputs> outputs;

    /**
     * @param extensions implementations of reserved subcommands by name (snapshots, live charts) found
     *                   on the classpath
     */
    public TrackCommands(TrackSession session, Map<String, TrackSubcommand> extensions) {
        this(session, extensions, List.of());
    }

    /**
     * @param outputs splitters of results into several outputs (tables and charts), found on the classpath
     */
    public TrackCommands(TrackSession session, Map<String, TrackSubcommand> extensions, List<ResultOutputs> outputs) {
        this.session = session;
        this.extensions = Map.copyOf(extensions);
        this.outputs = List.copyOf(outputs);
    }

    /** {@code %track ARGS}. */
    public Object line(MagicCall call) throws Exception {
        TrackCommand command;
        try {
            command = TrackParser.parseLine(call.args());
        } catch (TrackSyntaxException e) {
            throw new UserError(TrackErrors.ENAME, e.getMessage());
        }
        return present(execute(command, call), call);
    }

    /** {@code %%track ARGS} with the cell's body. */
    public Object cell(MagicCall call) throws Exception {
        TrackCommand command;
        try {
            command = TrackParser.parseCell(call.args(), call.body());
        } catch (TrackSyntaxException e) {
            throw new UserError(TrackErrors.ENAME, e.getMessage());
        }
        return present(execute(command, call), call);
    }

    /**
     * Shows what a command returned. A confirmation is printed (see {@link #printConfirmation}); a result that a
     * {@link ResultOutputs} splits goes out as one display per part, in order, and the cell gets no Out[n].
     */
    private Object present(Object result, MagicCall call) {
        Object shown = printConfirmation(result);
        if (shown == null) {
            return null;
        }
        for (ResultOutputs splitter : outputs) {
            List<Object> parts = splitter.split(shown);
            if (!parts.isEmpty()) {
                parts.forEach(part -> call.session().display(part));
                return null;
            }
        }
        return shown;
    }

    /**
     * A command's confirmation ("Started run …", help text) is printed on the cell's stdout, as IPython's
     * magics print theirs, so it gets no Out[n] prompt; tables and charts stay the cell's result.
     */
    private static Object printConfirmation(Object result) {
        if (result instanceof TrackMessage message) {
            System.out.println(message.text());
            System.out.flush();
            return null;
        }
        return result;
    }

    private Object execute(TrackCommand command, MagicCall call) throws Exception {
        try {
            return handle(command, call);
        } catch (UserError e) {
            throw withUsage(e.ename(), e.getMessage(), command);
        } catch (TrackingException e) {
            throw withUsage(e.ename(), e.getMessage(), command);
        }
    }

    private static UserError withUsage(String ename, String message, TrackCommand command) {
        String usage = (command instanceof TrackCommand.SweepCell ? Subcommands.findCell(command.subcommand())
                : Subcommands.find(command.subcommand())).map(s -> s.usage()).orElse("%track help");
        String oneLine = message == null ? "" : message.replace("\r", " ").replace("\n", " ").strip();
        if (oneLine.contains("Usage: ")) {
            return new UserError(ename, oneLine);
        }
        String sep = oneLine.endsWith(".") ? " " : ". ";
        return new UserError(ename, oneLine + sep + "Usage: " + usage);
    }

    private Object handle(TrackCommand command, MagicCall call) throws Exception {
        ActiveRuns runs = session.runs();
        RunQueries queries = session.queries();
        if (command instanceof TrackCommand.Start c) {
            Run run = runs.start(new StartRequest(c.name(), c.experiment(), c.tags(), c.note(), c.nested(), c.parent()),
                    session.resolver());
            return new TrackMessage("Started run " + describe(run.name(), run.id()) + " in experiment '" + run.experiment() + "'.");
        }
        if (command instanceof TrackCommand.End c) {
            RunDetails ended = runs.end(RunStatus.valueOf(c.status().name()));
            return new TrackMessage("Ended run " + describe(ended.name(), ended.id()) + ": " + ended.status() + " after "
                    + Formats.duration(ended.info().startTime(), ended.info().end().orElse(null)) + ", "
                    + count(ended.params().size(), "param") + ", " + count((int) ended.metrics().keySet().stream()
                            .filter(key -> !org.labbook.magics.RunReport.isSystemMetric(key)).count(), "metric") + ".");
        }
        if (command instanceof TrackCommand.Param c) {
            Map<String, Object> logged = logParams(c.args());
            StringBuilder text = new StringBuilder("Logged to run " + activeName() + ":");
            logged.forEach((key, value) -> text.append(' ').append(key).append('=').append(ParamValues.text(value)));
            return new TrackMessage(text.toString());
        }
        if (command instanceof TrackCommand.ParamsCell c) {
            runs.params(c.params());
            return new TrackMessage("Logged " + count(c.params().size(), "param") + " to run " + activeName() + ".");
        }
        if (command instanceof TrackCommand.Metric c) {
            runs.metrics(c.values(), c.step().isPresent() ? c.step().getAsLong() : null);
            return null;
        }
        if (command instanceof TrackCommand.Tag c) {
            runs.tags(c.tags());
            return null;
        }
        if (command instanceof TrackCommand.Note c) {
            runs.note(c.text());
            return null;
        }
        if (command instanceof TrackCommand.Artifact c) {
            ArtifactRef ref = runs.artifact(c.path(), c.name());
            return new TrackMessage("Attached artifact '" + ref.name() + "' (" + ref.size() + " bytes) to run " + activeName() + ".");
        }
        if (command instanceof TrackCommand.Dataset c) {
            DatasetInput d = runs.dataset(c.path(), c.name());
            return new TrackMessage("Recorded dataset '" + d.name() + "' (sha256 " + d.sha256().substring(0, Math.min(12, d.sha256().length()))
                    + (d.rows() >= 0 ? ", " + d.rows() + " rows x " + d.columns() + " columns" : "") + ") for run " + activeName() + ".");
        }
        if (command instanceof TrackCommand.Seed c) {
            return seed(c.seed(), call);
        }
        if (command instanceof TrackCommand.Runs c) {
            return queries.runs(c.experiment(), c.filter(), c.orderBy(), c.limit().orElse(RunQueries.DEFAULT_LIMIT))
                    .withMinMax(c.minMax()).withColumnsFirst(c.columns());
        }
        if (command instanceof TrackCommand.Show c) {
            return queries.show(c.run());
        }
        if (command instanceof TrackCommand.Compare c) {
            RunComparison comparison = queries.compare(c.runs(), c.experiment(), c.filter(), c.metrics(), c.x());
            return c.columns().isEmpty() ? comparison : new RunComparison(comparison.table().withColumnsFirst(c.columns()),
                    comparison.metrics(), comparison.x(), comparison.histories());
        }
        if (command instanceof TrackCommand.Best c) {
            return queries.best(c.metric(), c.goal(), c.experiment(), c.filter());
        }
        if (command instanceof TrackCommand.Delete c) {
            RunDetails run = queries.delete(c.run(), c.force());
            return new TrackMessage("Deleted run " + describe(run.name(), run.id()) + "; %track restore " + run.id() + " brings it back.");
        }
        if (command instanceof TrackCommand.Restore c) {
            RunDetails run = queries.restore(c.run(), c.force());
            return new TrackMessage("Restored run " + describe(run.name(), run.id()) + ".");
        }
        if (command instanceof TrackCommand.Experiments) {
            return queries.experiments();
        }
        if (command instanceof TrackCommand.Store c) {
            return store(c.uri());
        }
        if (command instanceof TrackCommand.Help c) {
            return new TrackMessage(c.command().flatMap(Subcommands::find).map(Subcommands::helpFor)
                    .orElseGet(Subcommands::helpOverview));
        }
        if (command instanceof TrackCommand.Notebook c) {
            return notebook(c.path(), call);
        }
        Object model = models(command, call);
        if (model != null) {
            return model;
        }
        if (command instanceof TrackCommand.SweepBest) {
            // Sweeps are drawn by the view extension, which implements "sweep"; its best trial too.
            return extension("sweep", command, call);
        }
        return extension(command.subcommand(), command, call);
    }

    /** The registry's subcommands; null when {@code command} is none of them. */
    private Object models(TrackCommand command, MagicCall call) throws Exception {
        ModelCommands models = new ModelCommands(session);
        if (command instanceof TrackCommand.Register c) {
            return models.register(c);
        }
        if (command instanceof TrackCommand.Promote c) {
            return models.promote(c);
        }
        if (command instanceof TrackCommand.Demote c) {
            return models.demote(c);
        }
        if (command instanceof TrackCommand.Lineage c) {
            return models.lineage(c);
        }
        if (command instanceof TrackCommand.Models c) {
            Optional<TrackMessage> changed = models.archiveOrRestore(c);
            if (changed.isPresent()) {
                return changed.get();
            }
            // The notebook's inline view when the chart extension is there; text otherwise.
            return extensions.containsKey("models") ? extension("models", command, call) : models.listing(c);
        }
        return null;
    }

    private Map<String, Object> logParams(List<ParamArg> args) {
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        for (ParamArg arg : args) {
            if (arg instanceof ParamArg.Literal literal) {
                values.put(literal.key(), literal.value());
            } else if (arg instanceof ParamArg.Variable variable) {
                session.runs().require("log params to");
                Object value = NotebookVariables.value(session.kernel(), variable.name());
                Object earlier = values.putIfAbsent(variable.name(), value);
                if (earlier != null && !String.valueOf(earlier).equals(String.valueOf(value))) {
                    throw TrackErrors.usage("Param '" + variable.name() + "' is given twice: as '" + earlier
                            + "' and as the variable's value '" + value + "'. Give it once.");
                }
            }
        }
        session.runs().params(values);
        return values;
    }

    private Object seed(long seed, MagicCall call) {
        boolean logged = session.runs().seed(seed);
        call.session().evaluate("long SEED = " + seed + "L; java.util.Random RNG = new java.util.Random(SEED);");
        return new TrackMessage("Seed " + seed + ": SEED and RNG (java.util.Random) are defined; the seed is "
                + (logged ? "logged as param 'seed' of run " + activeName() : "logged as param 'seed' when the next run starts")
                + ".");
    }

    private Object store(Optional<String> uri) {
        if (uri.isEmpty()) {
            return new TrackMessage(session.store().location().describe());
        }
        Optional<Run> active = session.runs().current();
        if (active.isPresent()) {
            throw TrackErrors.usage("Run '" + active.get().name() + "' (" + Formats.shortId(active.get().id())
                    + ") is active in the current store: end it with %track end before switching stores.");
        }
        StoreLocation location = session.store().switchTo(uri.get());
        return new TrackMessage("Now using the " + location.describe() + ".");
    }

    private Object notebook(String path, MagicCall call) {
        java.nio.file.Path notebook;
        try {
            notebook = java.nio.file.Path.of(path).toAbsolutePath().normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw TrackErrors.usage("Invalid notebook path '" + path + "': " + e.getReason() + ".");
        }
        call.session().notebookPath(notebook);
        return new TrackMessage("This session runs notebook " + notebook + "; new runs record it as their source.");
    }

    private Object extension(String name, TrackCommand command, MagicCall call) throws Exception {
        TrackSubcommand implementation = extensions.get(name);
        if (implementation == null) {
            throw TrackErrors.usage("%track " + command.subcommand() + " is not available in this kernel: it needs the"
                    + " Labbook session-snapshot and chart extension on the classpath.");
        }
        return implementation.run(command, call.session());
    }

    private String activeName() {
        return session.runs().current().map(r -> describe(r.name(), r.id())).orElse("(none)");
    }

    private static String describe(String name, String id) {
        return "'" + name + "' (" + Formats.shortId(id) + ")";
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
