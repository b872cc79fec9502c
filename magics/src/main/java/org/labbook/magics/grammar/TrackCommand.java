package org.labbook.magics.grammar;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A parsed {@code %track} command: one immutable record per subcommand of {@link Subcommands#TABLE},
 * with values already typed (steps are longs, limits ints, statuses enums). Maps keep the order in which
 * the user wrote the keys.
 */
public sealed interface TrackCommand {

    /** The subcommand's name as typed after {@code %track}, e.g. "start". */
    String subcommand();

    /** {@code %track start [NAME] [--experiment EXP] [--tag KEY=VALUE]... [--note TEXT] [--nested | --parent RUN]} */
    record Start(Optional<String> name, Optional<String> experiment, Map<String, String> tags,
                 Optional<String> note, boolean nested, Optional<String> parent) implements TrackCommand {
        public Start {
            tags = ordered(tags);
            if (nested && parent.isPresent()) {
                throw new IllegalArgumentException("nested and parent exclude each other");
            }
        }

        @Override
        public String subcommand() {
            return "start";
        }
    }

    /** {@code %track end [--status finished|failed|killed]} */
    record End(EndStatus status) implements TrackCommand {
        public End {
            Objects.requireNonNull(status, "status");
        }

        @Override
        public String subcommand() {
            return "end";
        }
    }

    /** {@code %track param KEY=VALUE|VAR...}: literal values and notebook variables, in the order given. */
    record Param(List<ParamArg> args) implements TrackCommand {
        public Param {
            args = List.copyOf(args);
        }

        @Override
        public String subcommand() {
            return "param";
        }
    }

    /** {@code %track metric KEY=VALUE... [--step N]}; without a step the next step of each key is used. */
    record Metric(Map<String, Double> values, OptionalLong step) implements TrackCommand {
        public Metric {
            values = ordered(values);
        }

        @Override
        public String subcommand() {
            return "metric";
        }
    }

    /** {@code %track tag KEY=VALUE...} */
    record Tag(Map<String, String> tags) implements TrackCommand {
        public Tag {
            tags = ordered(tags);
        }

        @Override
        public String subcommand() {
            return "tag";
        }
    }

    /** {@code %track note TEXT} */
    record Note(String text) implements TrackCommand {
        @Override
        public String subcommand() {
            return "note";
        }
    }

    /** {@code %track artifact PATH [--name NAME]} */
    record Artifact(String path, Optional<String> name) implements TrackCommand {
        @Override
        public String subcommand() {
            return "artifact";
        }
    }

    /** {@code %track dataset PATH [--name NAME]} */
    record Dataset(String path, Optional<String> name) implements TrackCommand {
        @Override
        public String subcommand() {
            return "dataset";
        }
    }

    /** {@code %track seed N} */
    record Seed(long seed) implements TrackCommand {
        @Override
        public String subcommand() {
            return "seed";
        }
    }

    /**
     * {@code %track runs [--experiment EXP] [--filter EXPR] [--order-by KEY [asc|desc]] [--limit N] [--min-max]
     * [--columns KEY,...]}; {@code minMax} adds each metric's lowest and highest value next to its latest;
     * {@code columns} ({@code params.KEY}, {@code metrics.KEY}) are shown first.
     */
    record Runs(Optional<String> experiment, Optional<String> filter, Optional<OrderBy> orderBy,
                OptionalInt limit, boolean minMax, List<String> columns) implements TrackCommand {
        public Runs {
            columns = List.copyOf(columns);
        }

        public Runs(Optional<String> experiment, Optional<String> filter, Optional<OrderBy> orderBy,
                    OptionalInt limit, boolean minMax) {
            this(experiment, filter, orderBy, limit, minMax, List.of());
        }

        @Override
        public String subcommand() {
            return "runs";
        }
    }

    /** {@code %track show [RUN]}: without RUN, the active run, else the last one. */
    record Show(Optional<String> run) implements TrackCommand {
        @Override
        public String subcommand() {
            return "show";
        }
    }

    /**
     * {@code %track compare [RUN...] [--experiment EXP] [--filter EXPR] [--metric KEY]... [--x step|time]
     * [--columns KEY,...]}
     */
    record Compare(List<String> runs, Optional<String> experiment, Optional<String> filter, List<String> metrics,
                   XAxis x, List<String> columns) implements TrackCommand {
        public Compare {
            runs = List.copyOf(runs);
            metrics = List.copyOf(metrics);
            Objects.requireNonNull(x, "x");
            columns = List.copyOf(columns);
        }

        public Compare(List<String> runs, Optional<String> experiment, Optional<String> filter, List<String> metrics,
                       XAxis x) {
            this(runs, experiment, filter, metrics, x, List.of());
        }

        @Override
        public String subcommand() {
            return "compare";
        }
    }

    /** {@code %track best METRIC [--max | --min] [--experiment EXP] [--filter EXPR]} */
    record Best(String metric, Goal goal, Optional<String> experiment, Optional<String> filter)
            implements TrackCommand {
        public Best {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(goal, "goal");
        }

        @Override
        public String subcommand() {
            return "best";
        }
    }

    /** {@code %track delete RUN [--force]}; {@code force} allows another user's run. */
    record Delete(String run, boolean force) implements TrackCommand {
        @Override
        public String subcommand() {
            return "delete";
        }
    }

    /** {@code %track restore RUN [--force]}; {@code force} allows another user's run. */
    record Restore(String run, boolean force) implements TrackCommand {
        @Override
        public String subcommand() {
            return "restore";
        }
    }

    /** {@code %track experiments} */
    record Experiments() implements TrackCommand {
        @Override
        public String subcommand() {
            return "experiments";
        }
    }

    /** {@code %track store [URI]}: show the store in use, or switch to another. */
    record Store(Optional<String> uri) implements TrackCommand {
        @Override
        public String subcommand() {
            return "store";
        }
    }

    /** {@code %track help [COMMAND]}; {@code command} is a name from the table. */
    record Help(Optional<String> command) implements TrackCommand {
        @Override
        public String subcommand() {
            return "help";
        }
    }

    /** {@code %%track params}: the cell's {@code KEY=VALUE} lines. */
    record ParamsCell(Map<String, String> params) implements TrackCommand {
        public ParamsCell {
            params = ordered(params);
        }

        @Override
        public String subcommand() {
            return "params";
        }
    }

    /** {@code %track snapshot [RUN]} */
    record Snapshot(Optional<String> run) implements TrackCommand {
        @Override
        public String subcommand() {
            return "snapshot";
        }
    }

    /** {@code %track report --experiment EXP [--filter EXPR] [--out FILE.html]} */
    record Report(String experiment, Optional<String> filter, Optional<String> out) implements TrackCommand {
        public Report {
            Objects.requireNonNull(experiment, "experiment");
        }

        @Override
        public String subcommand() {
            return "report";
        }
    }

    /** {@code %track export RUN [--to FILE.ipynb] [--force]} */
    record Export(String run, Optional<String> to, boolean force) implements TrackCommand {
        @Override
        public String subcommand() {
            return "export";
        }
    }

    /** {@code %track diff RUN_A RUN_B} */
    record Diff(String runA, String runB) implements TrackCommand {
        @Override
        public String subcommand() {
            return "diff";
        }
    }

    /** {@code %track notebook PATH}: tells the session which notebook file it runs. */
    record Notebook(String path) implements TrackCommand {
        @Override
        public String subcommand() {
            return "notebook";
        }
    }

    /** {@code %track live METRIC...} */
    record Live(List<String> metrics) implements TrackCommand {
        public Live {
            metrics = List.copyOf(metrics);
        }

        @Override
        public String subcommand() {
            return "live";
        }
    }

    /** {@code %track register RUN --model NAME [--artifact NAME] [--note TEXT]} */
    record Register(String run, String model, Optional<String> artifact, Optional<String> note) implements TrackCommand {
        @Override
        public String subcommand() {
            return "register";
        }
    }

    /** {@code %track models [NAME] [--all] [--archive VERSION | --restore VERSION]} */
    record Models(Optional<String> model, boolean all, OptionalInt archive, OptionalInt restore) implements TrackCommand {
        public Models {
            if (archive.isPresent() && restore.isPresent()) {
                throw new IllegalArgumentException("archive and restore exclude each other");
            }
        }

        @Override
        public String subcommand() {
            return "models";
        }
    }

    /** {@code %track promote MODEL VERSION --to ALIAS [--if EXPR] [--compare-to ALIAS] [--note TEXT]} */
    record Promote(String model, int version, String to, Optional<String> gate, Optional<String> compareTo,
                   Optional<String> note) implements TrackCommand {
        @Override
        public String subcommand() {
            return "promote";
        }
    }

    /** {@code %track demote MODEL --from ALIAS [--note TEXT]} */
    record Demote(String model, String from, Optional<String> note) implements TrackCommand {
        @Override
        public String subcommand() {
            return "demote";
        }
    }

    /** {@code %track lineage MODEL@ALIAS} */
    record Lineage(String reference) implements TrackCommand {
        @Override
        public String subcommand() {
            return "lineage";
        }
    }

    /** {@code %track sweep show NAME} */
    record SweepShow(String sweep) implements TrackCommand {
        public SweepShow {
            Objects.requireNonNull(sweep, "sweep");
        }

        @Override
        public String subcommand() {
            return "sweep";
        }
    }

    /** {@code %track best --sweep NAME}: the best trial of a sweep by its own objective. */
    record SweepBest(String sweep) implements TrackCommand {
        public SweepBest {
            Objects.requireNonNull(sweep, "sweep");
        }

        @Override
        public String subcommand() {
            return "best";
        }
    }

    /**
     * {@code %%track sweep NAME --objective METRIC ...}: the sweep's definition; {@code space} is the cell's
     * text after the first line, one parameter per line, read by the sweep library's space grammar.
     */
    record SweepCell(String name, Optional<String> experiment, String objective, boolean maximize,
                     Optional<String> strategy, OptionalInt trials, OptionalLong seed, Optional<String> prune,
                     String space) implements TrackCommand {
        public SweepCell {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(objective, "objective");
            Objects.requireNonNull(space, "space");
        }

        @Override
        public String subcommand() {
            return "sweep";
        }
    }

    /** One argument of {@code %track param}. */
    sealed interface ParamArg {
        /** {@code KEY=VALUE}: the value as written. */
        record Literal(String key, String value) implements ParamArg {
        }

        /** {@code VAR}: a notebook variable, logged under its own name with its live value. */
        record Variable(String name) implements ParamArg {
        }
    }

    /** How {@code %track end} ends the run. */
    enum EndStatus {
        FINISHED, FAILED, KILLED
    }

    /** The x axis of compared curves. */
    enum XAxis {
        STEP, TIME
    }

    /** Whether {@code best} looks for the lowest or the highest value. */
    enum Goal {
        MIN, MAX
    }

    /** {@code --order-by KEY [asc|desc]}. */
    record OrderBy(String key, boolean ascending) {
        public OrderBy {
            Objects.requireNonNull(key, "key");
        }
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
