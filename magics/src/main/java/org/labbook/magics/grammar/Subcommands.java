package org.labbook.magics.grammar;

import static org.labbook.magics.grammar.OptionSpec.flag;
import static org.labbook.magics.grammar.OptionSpec.repeatable;
import static org.labbook.magics.grammar.OptionSpec.value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.labbook.magics.grammar.TrackCommand.ParamArg;

/**
 * The one table of {@code %track} subcommands. Parsing, error messages and {@code %track help} all read
 * it, so a subcommand's usage line, options and record cannot drift apart.
 */
public final class Subcommands {
    private static final int ANY = Integer.MAX_VALUE;

    private static final OptionSpec EXPERIMENT = value("--experiment", "EXP", "the experiment (default: the session's experiment)");
    private static final OptionSpec COLUMNS = value("--columns", "KEY,...",
            "columns to show first, e.g. params.lr,metrics.loss (each params.KEY or metrics.KEY)");
    private static final OptionSpec FILTER = value("--filter", "EXPR",
            "a search filter, e.g. \"metrics.val_acc > 0.9 and params.lr = '0.001'\"");

    private static final OptionSpec FORCE = flag("--force",
            "also when the run belongs to another user (a run belongs to the user who started it)");

    private static final String SWEEP_CELL_USAGE = "%%track sweep NAME --objective METRIC [--minimize | --maximize]"
            + " [--experiment EXP] [--strategy grid|grid(N)|random|tpe] [--trials N] [--seed N] [--prune median|none]";

    /** Every subcommand, in the order {@code %track help} lists them. */
    public static final List<Subcommand> TABLE = List.of(
            line("start", "%track start [NAME] [--experiment EXP] [--tag KEY=VALUE]... [--note TEXT] [--nested | --parent RUN]",
                    "Start a run and make it the active one.",
                    List.of(EXPERIMENT,
                            repeatable("--tag", "KEY=VALUE", "a tag of the run"),
                            value("--note", "TEXT", "a note on the run"),
                            flag("--nested", "start a child of the active run"),
                            value("--parent", "RUN", "start a child of the run RUN")),
                    0, 1, Subcommands::start),
            line("end", "%track end [--status finished|failed|killed]",
                    "End the active run (FINISHED unless --status says otherwise).",
                    List.of(value("--status", "finished|failed|killed", "how the run ended")),
                    0, 0, a -> new TrackCommand.End(
                            a.choice("--status", TrackCommand.EndStatus.class).orElse(TrackCommand.EndStatus.FINISHED))),
            line("param", "%track param KEY=VALUE|VAR...",
                    "Log params: literal KEY=VALUE pairs, or notebook variables by name.",
                    List.of(), 1, ANY, Subcommands::param),
            line("metric", "%track metric KEY=VALUE... [--step N]",
                    "Log metric values (numbers; nan and inf allowed) at a step (default: the next one).",
                    List.of(value("--step", "N", "the step of every value given")),
                    1, ANY, Subcommands::metric),
            line("tag", "%track tag KEY=VALUE...", "Set tags of the active run (a tag may be overwritten).",
                    List.of(), 1, ANY, a -> new TrackCommand.Tag(a.keyValues(0, "KEY=VALUE"))),
            rawText("note", "%track note TEXT", "Add a note to the active run."),
            line("artifact", "%track artifact PATH [--name NAME]", "Attach a file to the active run.",
                    List.of(value("--name", "NAME", "the name it is stored under (default: the file name)")),
                    1, 1, a -> new TrackCommand.Artifact(a.positional(0).orElseThrow(), a.string("--name"))),
            line("dataset", "%track dataset PATH [--name NAME]",
                    "Record a dataset the active run reads (digest, size, and rows and columns for CSV).",
                    List.of(value("--name", "NAME", "the dataset's name (default: the file name)")),
                    1, 1, a -> new TrackCommand.Dataset(a.positional(0).orElseThrow(), a.string("--name"))),
            line("seed", "%track seed N",
                    "Log the random seed as a param and define SEED and a seeded RNG (java.util.Random) in the notebook.",
                    List.of(), 1, 1, a -> new TrackCommand.Seed(a.parseLong(a.positional(0).orElseThrow(), "N"))),
            line("runs", "%track runs [--experiment EXP] [--filter EXPR] [--order-by KEY [asc|desc]] [--limit N] [--min-max] [--columns KEY,...]",
                    "List runs with their params and latest metrics.",
                    List.of(EXPERIMENT, FILTER,
                            new OptionSpec("--order-by", "KEY", false, List.of("asc", "desc"),
                                    "sort by a metric, param, tag or attribute, e.g. metrics.val_loss (default asc)"),
                            value("--limit", "N", "show at most N runs"),
                            flag("--min-max", "also show each metric's lowest and highest value"), COLUMNS),
                    0, 0, Subcommands::runs),
            line("show", "%track show [RUN]", "Show one run (default: the active run, else the last one).",
                    List.of(), 0, 1, a -> new TrackCommand.Show(a.positional(0))),
            line("compare", "%track compare [RUN...] [--experiment EXP] [--filter EXPR] [--metric KEY]... [--x step|time] [--columns KEY,...]",
                    "Compare runs: a table of params and metrics, and the curves of each metric.",
                    List.of(EXPERIMENT, FILTER,
                            repeatable("--metric", "KEY", "a metric to compare (default: every metric)"),
                            value("--x", "step|time", "the x axis of the curves (default: step)"), COLUMNS),
                    0, ANY, a -> new TrackCommand.Compare(a.positionalTexts(0), a.string("--experiment"),
                            a.string("--filter"), a.strings("--metric"),
                            a.choice("--x", TrackCommand.XAxis.class).orElse(TrackCommand.XAxis.STEP), columns(a))),
            line("best", "%track best METRIC [--max | --min] [--experiment EXP] [--filter EXPR] | %track best --sweep NAME",
                    "Find the run with the lowest (--min, the default) or highest (--max) latest value of METRIC,"
                            + " or the best trial of a sweep.",
                    List.of(flag("--max", "higher is better"), flag("--min", "lower is better (the default)"),
                            EXPERIMENT, FILTER, value("--sweep", "NAME", "the best trial of this sweep, by its objective")),
                    0, 1, Subcommands::best),
            line("delete", "%track delete RUN [--force]", "Delete a run (it can be restored).",
                    List.of(FORCE), 1, 1, a -> new TrackCommand.Delete(a.positional(0).orElseThrow(), a.flag("--force"))),
            line("restore", "%track restore RUN [--force]", "Restore a deleted run.",
                    List.of(FORCE), 1, 1, a -> new TrackCommand.Restore(a.positional(0).orElseThrow(), a.flag("--force"))),
            line("experiments", "%track experiments", "List the experiments in the store.",
                    List.of(), 0, 0, a -> new TrackCommand.Experiments()),
            line("store", "%track store [URI]", "Show the store in use, or switch this kernel to another one.",
                    List.of(), 0, 1, a -> new TrackCommand.Store(a.positional(0))),
            line("help", "%track help [COMMAND]", "List the subcommands, or explain one.",
                    List.of(), 0, 1, Subcommands::help),
            new Subcommand("params", "%%track params", "Cell magic: log params, one KEY=VALUE per line (# starts a comment).",
                    List.of(), 0, 0, false, true, a -> {
                        // A cell magic's record needs the cell's body, which TrackParser.parseCell reads.
                        throw new IllegalStateException("%%track params is built by TrackParser.parseCell");
                    }),
            line("snapshot", "%track snapshot [RUN]", "Attach a snapshot of the session's cells to a run.",
                    List.of(), 0, 1, a -> new TrackCommand.Snapshot(a.positional(0))),
            line("export", "%track export RUN [--to FILE.ipynb] [--force]", "Write a run's session snapshot as a notebook.",
                    List.of(value("--to", "FILE.ipynb", "the notebook file to write"),
                            flag("--force", "replace the file if it exists (without it, an existing file is kept)")),
                    1, 1, a -> new TrackCommand.Export(a.positional(0).orElseThrow(), a.string("--to"),
                            a.flag("--force"))),
            line("diff", "%track diff RUN_A RUN_B", "Show what differs between two runs: params, code, data, environment.",
                    List.of(), 2, 2, a -> new TrackCommand.Diff(a.positional(0).orElseThrow(), a.positional(1).orElseThrow())),
            line("notebook", "%track notebook PATH", "Tell the session which notebook file it is running.",
                    List.of(), 1, 1, a -> new TrackCommand.Notebook(a.positional(0).orElseThrow())),
            line("live", "%track live METRIC...", "Draw live curves of metrics in the running cell.",
                    List.of(), 1, ANY, a -> new TrackCommand.Live(a.positionalTexts(0))),
            line("register", "%track register RUN --model NAME [--artifact NAME] [--note TEXT]",
                    "Register a run (and one of its artifacts, by digest) as the next version of a model.",
                    List.of(value("--model", "NAME", "the model, e.g. fraud-detector (created on first use)"),
                            value("--artifact", "NAME", "the run's artifact that holds the model, e.g. model.bin"),
                            value("--note", "TEXT", "a note on the version")),
                    1, 1, a -> new TrackCommand.Register(a.positional(0).orElseThrow(),
                            a.string("--model").orElseThrow(() -> a.error("Missing --model NAME: say which model the run"
                                    + " becomes a version of, e.g. --model fraud-detector")),
                            a.string("--artifact"), a.string("--note"))),
            line("models", "%track models [NAME] [--all] [--archive VERSION | --restore VERSION]",
                    "List registered models, or one model's versions, aliases and promotions.",
                    List.of(flag("--all", "also list archived versions"),
                            value("--archive", "VERSION", "hide a version from listings; aliases refuse it"),
                            value("--restore", "VERSION", "bring an archived version back")),
                    0, 1, Subcommands::models),
            line("promote", "%track promote MODEL VERSION --to ALIAS [--if EXPR] [--compare-to ALIAS] [--note TEXT]",
                    "Point an alias (production, staging, ...) at a version, if its run passes the gate.",
                    List.of(value("--to", "ALIAS", "the alias to move, e.g. production"),
                            value("--if", "EXPR", "a gate in the search filter language, e.g. \"metrics.val_auc >= 0.92\""),
                            value("--compare-to", "ALIAS", "also require the version to be at least as good as this alias's"
                                    + " version on the gate's metrics"),
                            value("--note", "TEXT", "why, recorded in the audit trail")),
                    2, 2, Subcommands::promote),
            line("demote", "%track demote MODEL --from ALIAS [--note TEXT]",
                    "Remove an alias from a model (recorded in the audit trail).",
                    List.of(value("--from", "ALIAS", "the alias to remove, e.g. production"),
                            value("--note", "TEXT", "why, recorded in the audit trail")),
                    1, 1, a -> new TrackCommand.Demote(a.positional(0).orElseThrow(),
                            a.string("--from").orElseThrow(() -> a.error("Missing --from ALIAS: say which alias to"
                                    + " remove, e.g. --from production")), a.string("--note"))),
            line("lineage", "%track lineage MODEL@ALIAS|MODEL/VERSION",
                    "Show where a model version came from: run, session, commit and diff, datasets, environment.",
                    List.of(), 1, 1, a -> new TrackCommand.Lineage(a.positional(0).orElseThrow())),
            line("sweep", "%track sweep show NAME",
                    "Show a sweep: its trials, the objective over trials, params against the objective, the best params.",
                    List.of(), 2, 2, Subcommands::sweep),
            new Subcommand("sweep", SWEEP_CELL_USAGE,
                    "Cell magic: define a sweep, one parameter per line: NAME: uniform(LOW, HIGH) | loguniform(LOW, HIGH)"
                            + " | int(LOW, HIGH) | choice(A, B, ...).",
                    List.of(EXPERIMENT,
                            value("--objective", "METRIC", "the metric each trial reports; its latest value is the trial's"),
                            flag("--minimize", "lower is better (the default)"),
                            flag("--maximize", "higher is better"),
                            value("--strategy", "grid|grid(N)|random|tpe", "how configurations are proposed (default tpe)"),
                            value("--trials", "N", "how many configurations to try (default 20)"),
                            value("--seed", "N", "the seed of random and tpe (default: a random one, recorded)"),
                            value("--prune", "median|none", "stop hopeless trials early (default none)")),
                    1, 1, false, true, a -> {
                        throw new IllegalStateException("%%track sweep is built by TrackParser.parseCell");
                    }),
            line("report", "%track report --experiment EXP [--filter EXPR] [--out FILE.html]",
                    "Write one self-contained HTML file of an experiment's runs to share (as labbook report).",
                    List.of(EXPERIMENT, FILTER, value("--out", "FILE.html",
                            "the file to write (default: EXP-report.html in the working directory)")),
                    0, 0, Subcommands::report));

    private static final Map<String, Subcommand> BY_NAME = index();

    private Subcommands() {
    }

    /** The subcommand called {@code name}, line or cell. */
    public static Optional<Subcommand> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** All names, for suggestions. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** {@code %track help}: every subcommand with its one-line description. */
    public static String helpOverview() {
        StringBuilder text = new StringBuilder("%track keeps a lab notebook of your runs. Subcommands:\n");
        int width = TABLE.stream().mapToInt(s -> s.invocation().length()).max().orElse(0);
        for (Subcommand s : TABLE) {
            text.append("  ").append(pad(s.invocation(), width)).append("  ").append(s.description()).append('\n');
        }
        text.append("RUN is a run id, a unique prefix of one, a run name in the experiment, or 'last'.\n");
        text.append("In Java code: Track.start(...), Track.param(k, v), Track.metric(k, v, step), Track.end(), ...\n");
        text.append("%track help COMMAND explains one subcommand.");
        return text.toString();
    }

    /** {@code %track help COMMAND}: its usage line, description and options. */
    public static String helpFor(Subcommand s) {
        StringBuilder text = new StringBuilder("Usage: ").append(s.usage()).append('\n').append(s.description());
        if (!s.options().isEmpty()) {
            text.append("\nOptions:");
            int width = s.options().stream().mapToInt(o -> o.synopsis().length()).max().orElse(0);
            for (OptionSpec o : s.options()) {
                text.append("\n  ").append(pad(o.synopsis(), width)).append("  ").append(o.description());
            }
        }
        return text.toString();
    }

    private static Subcommand line(String name, String usage, String description, List<OptionSpec> options,
                                   int min, int max, java.util.function.Function<ParsedArgs, TrackCommand> build) {
        return new Subcommand(name, usage, description, options, min, max, false, false, build);
    }

    private static Subcommand rawText(String name, String usage, String description) {
        return new Subcommand(name, usage, description, List.of(), 1, ANY, true, false,
                a -> new TrackCommand.Note(String.join(" ", a.positionalTexts(0))));
    }

    private static TrackCommand models(ParsedArgs a) {
        OptionalInt archive = version(a, "--archive");
        OptionalInt restore = version(a, "--restore");
        if (archive.isPresent() && restore.isPresent()) {
            throw a.error("Options --archive and --restore exclude each other: give one");
        }
        if ((archive.isPresent() || restore.isPresent()) && a.positional(0).isEmpty()) {
            throw a.error("--archive and --restore need the model's name, e.g. %track models fraud-detector --archive 2");
        }
        return new TrackCommand.Models(a.positional(0), a.flag("--all"), archive, restore);
    }

    private static TrackCommand promote(ParsedArgs a) {
        String versionText = a.positional(1).orElseThrow();
        long version = a.parseLong(versionText, "VERSION");
        if (version < 1 || version > Integer.MAX_VALUE) {
            throw a.error("Invalid VERSION '" + ParsedArgs.shorten(versionText) + "': versions are numbered from 1");
        }
        return new TrackCommand.Promote(a.positional(0).orElseThrow(), (int) version,
                a.string("--to").orElseThrow(() -> a.error("Missing --to ALIAS: say which alias to move, e.g. --to production")),
                a.string("--if"), a.string("--compare-to"), a.string("--note"));
    }

    private static OptionalInt version(ParsedArgs a, String option) {
        Optional<String> text = a.string(option);
        if (text.isEmpty()) {
            return OptionalInt.empty();
        }
        long version = a.parseLong(text.get(), "VERSION");
        if (version < 1 || version > Integer.MAX_VALUE) {
            throw a.error("Invalid version '" + ParsedArgs.shorten(text.get()) + "' for " + option
                    + ": versions are numbered from 1");
        }
        return OptionalInt.of((int) version);
    }

    private static TrackCommand start(ParsedArgs a) {
        if (a.flag("--nested") && a.string("--parent").isPresent()) {
            throw a.error("Options --nested and --parent exclude each other: --nested makes the active run the parent,"
                    + " --parent RUN names another one");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (String tag : a.strings("--tag")) {
            int eq = tag.indexOf('=');
            if (eq <= 0) {
                throw a.error("Invalid value '" + ParsedArgs.shorten(tag) + "' for --tag: expected KEY=VALUE, e.g. --tag model=cnn");
            }
            a.putOnce(tags, tag.substring(0, eq), tag.substring(eq + 1));
        }
        return new TrackCommand.Start(a.positional(0), a.string("--experiment"), tags, a.string("--note"),
                a.flag("--nested"), a.string("--parent"));
    }

    private static TrackCommand param(ParsedArgs a) {
        List<ParamArg> args = new ArrayList<>();
        Map<String, String> literals = new LinkedHashMap<>();
        for (Token word : a.positionals()) {
            if (word.hasEquals()) {
                a.requireKeyValue(word, "KEY=VALUE");
                a.putOnce(literals, word.key(), word.value());
                args.add(new ParamArg.Literal(word.key(), word.value()));
            } else if (isJavaIdentifier(word.text())) {
                args.add(new ParamArg.Variable(word.text()));
            } else {
                throw a.error("'" + ParsedArgs.shorten(word.text()) + "' at column " + word.column()
                        + " is neither KEY=VALUE nor a variable name (write KEY=VALUE, or the name of a notebook variable)");
            }
        }
        return new TrackCommand.Param(dedupe(args));
    }

    /** Drops repeats of the same literal pair, which {@code putOnce} already accepted as harmless. */
    private static List<ParamArg> dedupe(List<ParamArg> args) {
        return args.stream().distinct().toList();
    }

    private static TrackCommand metric(ParsedArgs a) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Token word : a.positionals()) {
            a.requireKeyValue(word, "KEY=VALUE");
            a.putOnce(values, word.key(), a.parseDouble(word.value(), "metric '" + ParsedArgs.shorten(word.key()) + "'"));
        }
        return new TrackCommand.Metric(values, a.longOption("--step"));
    }

    private static TrackCommand runs(ParsedArgs a) {
        Optional<TrackCommand.OrderBy> orderBy = a.string("--order-by").map(key -> orderBy(a, key));
        return new TrackCommand.Runs(a.string("--experiment"), a.string("--filter"), orderBy,
                a.positiveIntOption("--limit"), a.flag("--min-max"), columns(a));
    }

    private static TrackCommand report(ParsedArgs a) {
        String experiment = a.string("--experiment").orElseThrow(() -> a.error("--experiment is required: the"
                + " report shows one experiment, e.g. %track report --experiment fraud/baseline"));
        return new TrackCommand.Report(experiment, a.string("--filter"), a.string("--out"));
    }

    /** {@code --columns params.lr,metrics.loss}: each a params.KEY or metrics.KEY, comma-separated. */
    private static List<String> columns(ParsedArgs a) {
        Optional<String> value = a.string("--columns");
        if (value.isEmpty()) {
            return List.of();
        }
        List<String> columns = new java.util.ArrayList<>();
        for (String part : value.get().split(",", -1)) {
            String column = part.strip();
            int dot = column.indexOf('.');
            String kind = dot < 0 ? "" : column.substring(0, dot);
            if (!(kind.equals("params") || kind.equals("metrics")) || dot == column.length() - 1) {
                throw a.error("Invalid column '" + column + "' in --columns: each is params.KEY or metrics.KEY,"
                        + " separated by commas, e.g. --columns params.lr,metrics.loss");
            }
            columns.add(column);
        }
        return List.copyOf(columns);
    }

    /** {@code KEY [asc|desc]}; also accepts the direction inside one quoted value, as MLflow writes it. */
    private static TrackCommand.OrderBy orderBy(ParsedArgs a, String value) {
        String key = value.strip();
        Optional<String> direction = a.suffix("--order-by");
        int space = key.lastIndexOf(' ');
        if (direction.isEmpty() && space > 0) {
            String last = key.substring(space + 1);
            if (last.equalsIgnoreCase("asc") || last.equalsIgnoreCase("desc")) {
                direction = Optional.of(last.toLowerCase(java.util.Locale.ROOT));
                key = key.substring(0, space).strip();
            }
        }
        if (key.isEmpty()) {
            throw a.error("Missing key for --order-by (e.g. --order-by metrics.val_loss desc)");
        }
        return new TrackCommand.OrderBy(key, !direction.orElse("asc").equals("desc"));
    }

    private static TrackCommand best(ParsedArgs a) {
        if (a.flag("--max") && a.flag("--min")) {
            throw a.error("Options --max and --min exclude each other; give one");
        }
        if (a.string("--sweep").isPresent()) {
            if (a.positional(0).isPresent() || a.flag("--max") || a.flag("--min") || a.string("--experiment").isPresent()
                    || a.string("--filter").isPresent()) {
                throw a.error("Option --sweep takes no METRIC nor other options: the sweep's objective says what is best");
            }
            return new TrackCommand.SweepBest(a.string("--sweep").get());
        }
        if (a.positional(0).isEmpty()) {
            throw a.error("%track best needs an argument: the METRIC to rank runs by, or a sweep with --sweep NAME");
        }
        TrackCommand.Goal goal = a.flag("--max") ? TrackCommand.Goal.MAX : TrackCommand.Goal.MIN;
        return new TrackCommand.Best(a.positional(0).orElseThrow(), goal, a.string("--experiment"), a.string("--filter"));
    }

    private static TrackCommand help(ParsedArgs a) {
        Optional<String> command = a.positional(0);
        if (command.isPresent() && find(command.get()).isEmpty()) {
            String hint = Suggestions.closest(command.get(), names()).map(s -> " (did you mean " + s + "?)").orElse("");
            throw a.error("Unknown subcommand '" + ParsedArgs.shorten(command.get()) + "'" + hint);
        }
        return new TrackCommand.Help(command);
    }

    static boolean isJavaIdentifier(String text) {
        if (text.isEmpty() || !Character.isJavaIdentifierStart(text.codePointAt(0))) {
            return false;
        }
        return text.codePoints().skip(1).allMatch(Character::isJavaIdentifierPart);
    }

    private static TrackCommand sweep(ParsedArgs a) {
        String action = a.positional(0).orElseThrow();
        if (!action.equals("show")) {
            throw a.error("Unknown action '" + ParsedArgs.shorten(action) + "' for %track sweep: use show");
        }
        return new TrackCommand.SweepShow(a.positional(1).orElseThrow());
    }

    /** {@code %%track sweep}: the first line's options, and the cell's lines as the space's text. */
    static TrackCommand sweepCell(ParsedArgs a, String space) {
        if (a.flag("--minimize") && a.flag("--maximize")) {
            throw a.error("Options --minimize and --maximize exclude each other; give one");
        }
        String objective = a.string("--objective").orElseThrow(() ->
                a.error("Missing --objective METRIC: name the metric whose latest value each trial is judged by"));
        return new TrackCommand.SweepCell(a.positional(0).orElseThrow(), a.string("--experiment"), objective,
                a.flag("--maximize"), a.string("--strategy"), a.positiveIntOption("--trials"), a.longOption("--seed"),
                a.string("--prune"), space);
    }

    /** The cell magic called {@code name}, if the table has one. */
    public static Optional<Subcommand> findCell(String name) {
        return TABLE.stream().filter(s -> s.cellMagic() && s.name().equals(name)).findFirst();
    }

    /**
     * By name; a line magic and a cell magic may share one ({@code %track sweep show} and
     * {@code %%track sweep}), and then {@link #find} answers the line magic and {@link #findCell} the cell.
     */
    private static Map<String, Subcommand> index() {
        Map<String, Subcommand> byName = new LinkedHashMap<>();
        for (Subcommand s : TABLE) {
            Subcommand earlier = byName.get(s.name());
            if (earlier != null && earlier.cellMagic() != s.cellMagic()) {
                byName.put(s.name(), earlier.cellMagic() ? s : earlier);
                continue;
            }
            if (byName.put(s.name(), s) != null) {
                throw new IllegalStateException("two subcommands are called " + s.name());
            }
        }
        return byName;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
