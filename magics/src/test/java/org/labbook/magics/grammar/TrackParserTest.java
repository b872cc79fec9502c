package org.labbook.magics.grammar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.labbook.magics.grammar.TrackCommand.EndStatus;
import org.labbook.magics.grammar.TrackCommand.Goal;
import org.labbook.magics.grammar.TrackCommand.OrderBy;
import org.labbook.magics.grammar.TrackCommand.ParamArg;
import org.labbook.magics.grammar.TrackCommand.XAxis;

class TrackParserTest {

    private static final Optional<String> NONE = Optional.empty();

    private static Optional<String> some(String value) {
        return Optional.of(value);
    }

    @SafeVarargs
    private static <V> Map<String, V> map(Map.Entry<String, V>... entries) {
        Map<String, V> map = new LinkedHashMap<>();
        for (Map.Entry<String, V> e : entries) {
            map.put(e.getKey(), e.getValue());
        }
        return map;
    }

    static Stream<Arguments> validLines() {
        return Stream.of(
                // start
                Arguments.of("start", new TrackCommand.Start(NONE, NONE, Map.of(), NONE, false, NONE)),
                Arguments.of("start baseline", new TrackCommand.Start(some("baseline"), NONE, Map.of(), NONE, false, NONE)),
                Arguments.of("start \"lr sweep\" --experiment fraud/baseline",
                        new TrackCommand.Start(some("lr sweep"), some("fraud/baseline"), Map.of(), NONE, false, NONE)),
                Arguments.of("start --experiment=exp1 --tag model=cnn --tag 'team=ml ops' --note \"first try\"",
                        new TrackCommand.Start(NONE, some("exp1"), map(Map.entry("model", "cnn"), Map.entry("team", "ml ops")),
                                some("first try"), false, NONE)),
                Arguments.of("start child --nested", new TrackCommand.Start(some("child"), NONE, Map.of(), NONE, true, NONE)),
                Arguments.of("start child --parent a1b2", new TrackCommand.Start(some("child"), NONE, Map.of(), NONE, false, some("a1b2"))),
                Arguments.of("start -- --odd-name", new TrackCommand.Start(some("--odd-name"), NONE, Map.of(), NONE, false, NONE)),
                // end
                Arguments.of("end", new TrackCommand.End(EndStatus.FINISHED)),
                Arguments.of("end --status failed", new TrackCommand.End(EndStatus.FAILED)),
                Arguments.of("end --status=KILLED", new TrackCommand.End(EndStatus.KILLED)),
                Arguments.of("end --status finished", new TrackCommand.End(EndStatus.FINISHED)),
                // param
                Arguments.of("param lr=0.001 name=\"two words\" flag=true",
                        new TrackCommand.Param(List.of(new ParamArg.Literal("lr", "0.001"),
                                new ParamArg.Literal("name", "two words"), new ParamArg.Literal("flag", "true")))),
                Arguments.of("param lr batchSize", new TrackCommand.Param(List.of(new ParamArg.Variable("lr"),
                        new ParamArg.Variable("batchSize")))),
                Arguments.of("param lr=1 lr=1 empty=", new TrackCommand.Param(List.of(new ParamArg.Literal("lr", "1"),
                        new ParamArg.Literal("empty", "")))),
                Arguments.of("param url=a=b", new TrackCommand.Param(List.of(new ParamArg.Literal("url", "a=b")))),
                // metric
                Arguments.of("metric loss=0.25", new TrackCommand.Metric(Map.of("loss", 0.25), OptionalLong.empty())),
                Arguments.of("metric loss=1e-3 acc=.9 --step 7",
                        new TrackCommand.Metric(map(Map.entry("loss", 1e-3), Map.entry("acc", 0.9)), OptionalLong.of(7))),
                Arguments.of("metric --step=-2 x=-5", new TrackCommand.Metric(Map.of("x", -5.0), OptionalLong.of(-2))),
                Arguments.of("metric a=nan b=inf c=-Infinity",
                        new TrackCommand.Metric(map(Map.entry("a", Double.NaN), Map.entry("b", Double.POSITIVE_INFINITY),
                                Map.entry("c", Double.NEGATIVE_INFINITY)), OptionalLong.empty())),
                // tag, note
                Arguments.of("tag type=ablation owner='Ann Lee'",
                        new TrackCommand.Tag(map(Map.entry("type", "ablation"), Map.entry("owner", "Ann Lee")))),
                Arguments.of("note lr too high, retry with --lr 0.01", new TrackCommand.Note("lr too high, retry with --lr 0.01")),
                Arguments.of("note \"it's fine\"", new TrackCommand.Note("it's fine")),
                // artifact, dataset
                Arguments.of("artifact model.bin", new TrackCommand.Artifact("model.bin", NONE)),
                Arguments.of("artifact 'out/my model.bin' --name model", new TrackCommand.Artifact("out/my model.bin", some("model"))),
                Arguments.of("dataset data/train.csv", new TrackCommand.Dataset("data/train.csv", NONE)),
                Arguments.of("dataset data/ --name=train", new TrackCommand.Dataset("data/", some("train"))),
                // seed
                Arguments.of("seed 42", new TrackCommand.Seed(42)),
                Arguments.of("seed -7", new TrackCommand.Seed(-7)),
                // runs
                Arguments.of("runs", new TrackCommand.Runs(NONE, NONE, Optional.empty(), OptionalInt.empty(), false)),
                Arguments.of("runs --experiment e --filter \"metrics.acc > 0.9\" --order-by metrics.acc desc --limit 5",
                        new TrackCommand.Runs(some("e"), some("metrics.acc > 0.9"),
                                Optional.of(new OrderBy("metrics.acc", false)), OptionalInt.of(5), false)),
                Arguments.of("runs --order-by params.lr", new TrackCommand.Runs(NONE, NONE,
                        Optional.of(new OrderBy("params.lr", true)), OptionalInt.empty(), false)),
                Arguments.of("runs --order-by 'metrics.loss DESC'", new TrackCommand.Runs(NONE, NONE,
                        Optional.of(new OrderBy("metrics.loss", false)), OptionalInt.empty(), false)),
                Arguments.of("runs --order-by=start_time ASC --limit=1", new TrackCommand.Runs(NONE, NONE,
                        Optional.of(new OrderBy("start_time", true)), OptionalInt.of(1), false)),
                Arguments.of("runs --min-max --limit 3", new TrackCommand.Runs(NONE, NONE,
                        Optional.empty(), OptionalInt.of(3), true)),
                Arguments.of("runs --columns params.lr,metrics.loss", new TrackCommand.Runs(NONE, NONE,
                        Optional.empty(), OptionalInt.empty(), false, List.of("params.lr", "metrics.loss"))),
                // show
                Arguments.of("show", new TrackCommand.Show(NONE)),
                Arguments.of("show last", new TrackCommand.Show(some("last"))),
                // compare
                Arguments.of("compare", new TrackCommand.Compare(List.of(), NONE, NONE, List.of(), XAxis.STEP)),
                Arguments.of("compare a1 b2 --metric loss --metric acc --x time",
                        new TrackCommand.Compare(List.of("a1", "b2"), NONE, NONE, List.of("loss", "acc"), XAxis.TIME)),
                Arguments.of("compare --experiment e --filter \"params.lr = '0.1'\" --x=step",
                        new TrackCommand.Compare(List.of(), some("e"), some("params.lr = '0.1'"), List.of(), XAxis.STEP)),
                Arguments.of("compare --columns 'metrics.val loss, params.lr'", new TrackCommand.Compare(List.of(),
                        NONE, NONE, List.of(), XAxis.STEP, List.of("metrics.val loss", "params.lr"))),
                // report
                Arguments.of("report --experiment e", new TrackCommand.Report("e", NONE, NONE)),
                Arguments.of("report --experiment e --filter \"params.lr = '0.1'\" --out week.html",
                        new TrackCommand.Report("e", some("params.lr = '0.1'"), some("week.html"))),
                // best
                Arguments.of("best val_loss", new TrackCommand.Best("val_loss", Goal.MIN, NONE, NONE)),
                Arguments.of("best val_acc --max --experiment e --filter 'tags.x = \"1\"'",
                        new TrackCommand.Best("val_acc", Goal.MAX, some("e"), some("tags.x = \"1\""))),
                Arguments.of("best loss --min", new TrackCommand.Best("loss", Goal.MIN, NONE, NONE)),
                // delete, restore, experiments, store, help
                Arguments.of("delete a1b2", new TrackCommand.Delete("a1b2", false)),
                Arguments.of("delete a1b2 --force", new TrackCommand.Delete("a1b2", true)),
                Arguments.of("restore last", new TrackCommand.Restore("last", false)),
                Arguments.of("restore --force last", new TrackCommand.Restore("last", true)),
                Arguments.of("experiments", new TrackCommand.Experiments()),
                Arguments.of("store", new TrackCommand.Store(NONE)),
                Arguments.of("store sqlite:/tmp/x", new TrackCommand.Store(some("sqlite:/tmp/x"))),
                Arguments.of("help", new TrackCommand.Help(NONE)),
                Arguments.of("help compare", new TrackCommand.Help(some("compare"))),
                Arguments.of("help params", new TrackCommand.Help(some("params"))),
                Arguments.of("", new TrackCommand.Help(NONE)),
                Arguments.of("start --help", new TrackCommand.Help(some("start"))),
                Arguments.of("runs -h", new TrackCommand.Help(some("runs"))),
                // reserved for session snapshots
                Arguments.of("snapshot", new TrackCommand.Snapshot(NONE)),
                Arguments.of("snapshot a1", new TrackCommand.Snapshot(some("a1"))),
                Arguments.of("export a1 --to out.ipynb", new TrackCommand.Export("a1", some("out.ipynb"), false)),
                Arguments.of("export a1", new TrackCommand.Export("a1", NONE, false)),
                Arguments.of("export a1 --to out.ipynb --force", new TrackCommand.Export("a1", some("out.ipynb"), true)),
                Arguments.of("diff a1 b2", new TrackCommand.Diff("a1", "b2")),
                Arguments.of("notebook 'work/my nb.ipynb'", new TrackCommand.Notebook("work/my nb.ipynb")),
                Arguments.of("live loss val_loss", new TrackCommand.Live(List.of("loss", "val_loss"))),
                // the model registry
                Arguments.of("register a1 --model fraud-detector --artifact model.bin --note 'first one'",
                        new TrackCommand.Register("a1", "fraud-detector", some("model.bin"), some("first one"))),
                Arguments.of("register a1 --model m", new TrackCommand.Register("a1", "m", NONE, NONE)),
                Arguments.of("models", new TrackCommand.Models(NONE, false, java.util.OptionalInt.empty(),
                        java.util.OptionalInt.empty())),
                Arguments.of("models m --all", new TrackCommand.Models(some("m"), true, java.util.OptionalInt.empty(),
                        java.util.OptionalInt.empty())),
                Arguments.of("models m --archive 2", new TrackCommand.Models(some("m"), false, java.util.OptionalInt.of(2),
                        java.util.OptionalInt.empty())),
                Arguments.of("models m --restore 2", new TrackCommand.Models(some("m"), false, java.util.OptionalInt.empty(),
                        java.util.OptionalInt.of(2))),
                Arguments.of("promote fraud-detector 3 --to production --if \"metrics.val_auc >= 0.92\" --compare-to"
                        + " production --note ok", new TrackCommand.Promote("fraud-detector", 3, "production",
                        some("metrics.val_auc >= 0.92"), some("production"), some("ok"))),
                Arguments.of("promote m 1 --to staging", new TrackCommand.Promote("m", 1, "staging", NONE, NONE, NONE)),
                Arguments.of("demote m --from production --note rollback",
                        new TrackCommand.Demote("m", "production", some("rollback"))),
                Arguments.of("lineage fraud-detector@production", new TrackCommand.Lineage("fraud-detector@production")),
                Arguments.of("sweep show lr-search", new TrackCommand.SweepShow("lr-search")),
                Arguments.of("best --sweep lr-search", new TrackCommand.SweepBest("lr-search")));
    }

    @ParameterizedTest(name = "[{index}] %track {0}")
    @MethodSource("validLines")
    void parsesEachSubcommandIntoItsRecord(String line, TrackCommand expected) {
        assertThat(TrackParser.parseLine(line)).isEqualTo(expected);
    }

    @Test
    void everySubcommandOfTheTableIsCoveredByTheValidLines() {
        List<String> covered = validLines().map(a -> ((TrackCommand) a.get()[1]))
                .map(TrackCommand::subcommand).distinct().toList();
        List<String> lineCommands = Subcommands.TABLE.stream().filter(s -> !s.cellMagic()).map(Subcommand::name).toList();
        assertThat(covered).containsAll(lineCommands);
    }

    @Test
    void everyOptionOfTheTableIsCoveredByTheValidLines() {
        String all = validLines().map(a -> (String) a.get()[0]).reduce("", (x, y) -> x + " " + y);
        // Cell magics' options are covered by their own cell tests (SweepGrammarTest).
        for (Subcommand s : Subcommands.TABLE.stream().filter(s -> !s.cellMagic()).toList()) {
            for (OptionSpec o : s.options()) {
                assertThat(all).as(s.name() + " " + o.name()).contains(o.name());
            }
        }
    }

    static Stream<Arguments> badLines() {
        String startUsage = ". Usage: %track start [NAME] [--experiment EXP] [--tag KEY=VALUE]... [--note TEXT] [--nested | --parent RUN]";
        return Stream.of(
                // unknown subcommand
                Arguments.of("strat x", "Unknown subcommand 'strat' for %track (did you mean start?). Usage: %track SUBCOMMAND [ARGS]"),
                Arguments.of("frobnicate", "Unknown subcommand 'frobnicate' for %track. Usage: %track SUBCOMMAND [ARGS]"),
                Arguments.of("params", "%%track params is a cell magic"),
                Arguments.of("help strat", "Unknown subcommand 'strat' (did you mean start?). Usage: %track help [COMMAND]"),
                // unknown options, with and without a close one
                Arguments.of("start --experimnt foo", "Unknown option '--experimnt' for %track start (did you mean --experiment?)" + startUsage),
                Arguments.of("start -experiment foo", "Unknown option '-experiment' for %track start (did you mean --experiment?)"),
                Arguments.of("runs --limt 3", "Unknown option '--limt' for %track runs (did you mean --limit?)"),
                Arguments.of("compare --metrics loss", "(did you mean --metric?)"),
                Arguments.of("best loss --maximize", "Unknown option '--maximize' for %track best (its options are --max, --min, --experiment, --filter, --sweep)"),
                Arguments.of("metric loss=1 --setp 3", "(did you mean --step?)"),
                Arguments.of("end --stats failed", "(did you mean --status?)"),
                Arguments.of("artifact m.bin --nmae x", "(did you mean --name?)"),
                Arguments.of("export a --too x.ipynb", "(did you mean --to?)"),
                Arguments.of("show --verbose", "Unknown option '--verbose': %track show takes no options. Usage: %track show [RUN]"),
                // missing values
                Arguments.of("start --experiment", "Missing value for --experiment (expected --experiment EXP)" + startUsage),
                Arguments.of("start --experiment --nested", "Missing value for --experiment"),
                Arguments.of("metric loss=1 --step", "Missing value for --step (expected --step N). Usage: %track metric KEY=VALUE... [--step N]"),
                Arguments.of("runs --order-by", "Missing value for --order-by"),
                Arguments.of("runs --order-by ''", "Missing key for --order-by"),
                Arguments.of("start --nested=yes", "Option --nested takes no value, but got 'yes'"),
                Arguments.of("start --note a --note b", "Option --note is given more than once"),
                // missing and extra positionals
                Arguments.of("param", "%track param needs an argument. Usage: %track param KEY=VALUE|VAR..."),
                Arguments.of("metric", "%track metric needs an argument"),
                Arguments.of("tag", "%track tag needs an argument"),
                Arguments.of("note", "%track note needs an argument. Usage: %track note TEXT"),
                Arguments.of("artifact", "%track artifact needs an argument"),
                Arguments.of("dataset --name x", "%track dataset needs an argument"),
                Arguments.of("seed", "%track seed needs an argument"),
                Arguments.of("best", "%track best needs an argument"),
                Arguments.of("delete", "%track delete needs an argument"),
                Arguments.of("restore", "%track restore needs an argument"),
                Arguments.of("diff a", "%track diff needs 2 arguments, got 1. Usage: %track diff RUN_A RUN_B"),
                Arguments.of("notebook", "%track notebook needs an argument"),
                Arguments.of("live", "%track live needs an argument"),
                Arguments.of("export", "%track export needs an argument"),
                Arguments.of("start my run", "Unexpected argument 'run' at column 10: %track start takes at most 1 argument (quote values that contain spaces)"),
                Arguments.of("end now", "Unexpected argument 'now' at column 5: %track end takes no arguments"),
                Arguments.of("seed 1 2", "Unexpected argument '2'"),
                Arguments.of("experiments all", "%track experiments takes no arguments"),
                Arguments.of("runs foo", "%track runs takes no arguments"),
                Arguments.of("show a b", "%track show takes at most 1 argument"),
                Arguments.of("store a b", "%track store takes at most 1 argument"),
                Arguments.of("help a b", "%track help takes at most 1 argument"),
                Arguments.of("delete a b", "%track delete takes at most 1 argument"),
                Arguments.of("diff a b c", "%track diff takes at most 2 arguments"),
                // bad numbers and choices
                Arguments.of("seed forty", "Invalid value 'forty' for N: expected a whole number, e.g. 42. Usage: %track seed N"),
                Arguments.of("seed 99999999999999999999", "the number is out of range"),
                Arguments.of("metric loss=1 --step 1.5", "Invalid value '1.5' for --step: expected a whole number"),
                Arguments.of("metric loss=low", "Invalid number 'low' for metric 'loss': expected a decimal such as 0.25"),
                Arguments.of("metric loss=0x10", "Invalid number '0x10'"),
                Arguments.of("metric loss=1d", "Invalid number '1d'"),
                Arguments.of("runs --limit 0", "Invalid value '0' for --limit: expected a whole number from 1 to 2147483647"),
                Arguments.of("runs --limit many", "Invalid value 'many' for --limit: expected a whole number"),
                Arguments.of("end --status crashed", "Invalid value 'crashed' for --status: expected one of finished, failed, killed"),
                Arguments.of("compare --x epoch", "Invalid value 'epoch' for --x: expected one of step, time"),
                // KEY=VALUE shape and conflicts
                Arguments.of("metric loss", "Expected KEY=VALUE but got 'loss' at column 8 (write loss=VALUE"),
                Arguments.of("tag =x", "Missing key before '=' at column 5"),
                Arguments.of("param 1abc", "'1abc' at column 7 is neither KEY=VALUE nor a variable name"),
                Arguments.of("param lr=0.1 lr=0.2", "Key 'lr' is given twice with different values ('0.1' and '0.2'); give each key once. Usage: %track param"),
                Arguments.of("metric a=1 a=2", "Key 'a' is given twice with different values"),
                Arguments.of("start --tag model", "Invalid value 'model' for --tag: expected KEY=VALUE"),
                Arguments.of("start --tag a=1 --tag a=2", "Key 'a' is given twice"),
                // exclusive options
                Arguments.of("start --nested --parent a1", "Options --nested and --parent exclude each other"),
                Arguments.of("best loss --max --min", "Options --max and --min exclude each other"),
                Arguments.of("report --out r.html", "--experiment is required"),
                Arguments.of("runs --columns lr", "Invalid column 'lr' in --columns: each is params.KEY or metrics.KEY"),
                Arguments.of("compare --columns params.lr,,metrics.loss", "Invalid column '' in --columns"),
                Arguments.of("runs --columns tags.", "Invalid column 'tags.' in --columns"),
                // quoting
                Arguments.of("start \"my run", "Unbalanced double quote opened at column 7"),
                Arguments.of("note it's done", "Unbalanced single quote opened at column 8"),
                Arguments.of("start x\\", "lone backslash at column 8"),
                Arguments.of("register a1", "Missing --model NAME"),
                Arguments.of("promote m 1", "Missing --to ALIAS"),
                Arguments.of("promote m zero --to production", "VERSION"),
                Arguments.of("promote m 0 --to production", "versions are numbered from 1"),
                Arguments.of("promote m --to production", "Usage: %track promote"),
                Arguments.of("demote m", "Missing --from ALIAS"),
                Arguments.of("models --archive 1", "need the model's name"),
                Arguments.of("models m --archive 1 --restore 1", "exclude each other"),
                Arguments.of("promote m 1 --to production --iff x", "--if"));
    }

    @ParameterizedTest(name = "[{index}] %track {0}")
    @MethodSource("badLines")
    void rejectsBadInputWithOneLineNamingTheMistake(String line, String expectedPart) {
        assertThatThrownBy(() -> TrackParser.parseLine(line))
                .isInstanceOf(TrackSyntaxException.class)
                .hasMessageContaining(expectedPart)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void errorsAboutASubcommandEndWithItsUsageLine() {
        for (Subcommand s : Subcommands.TABLE) {
            if (s.cellMagic() || s.rawText()) {
                continue;
            }
            assertThatThrownBy(() -> TrackParser.parseLine(s.name() + " --no-such-option"))
                    .as(s.name())
                    .isInstanceOf(TrackSyntaxException.class)
                    .hasMessageEndingWith(". Usage: " + s.usage())
                    .satisfies(e -> assertThat(((TrackSyntaxException) e).subcommand()).contains(s.name()));
        }
    }

    @Test
    void veryLongUnknownOptionIsShortenedInTheMessage() {
        String option = "--" + "x".repeat(10_000);
        assertThatThrownBy(() -> TrackParser.parseLine("start " + option))
                .isInstanceOf(TrackSyntaxException.class)
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(400));
    }

    // --- %%track params

    @Test
    void paramsCellReadsOnePairPerLineWithCommentsAndSpacesAroundTheEqualsSign() {
        String body = """
                # learning setup
                lr=0.001          # from the paper
                name = "two words"
                batch= 64
                optimizer =adam

                flag='#not a comment'
                """;
        assertThat(TrackParser.parseCell("params", body)).isEqualTo(new TrackCommand.ParamsCell(map(
                Map.entry("lr", "0.001"), Map.entry("name", "two words"), Map.entry("batch", "64"),
                Map.entry("optimizer", "adam"), Map.entry("flag", "#not a comment"))));
    }

    static Stream<Arguments> badCells() {
        return Stream.of(
                Arguments.of("params", "lr=1\njust words here", "Line 3: expected one KEY=VALUE, got 'just words here'"),
                Arguments.of("params", "lr=1\nlr=2", "Line 3: Key 'lr' is given twice with different values ('1' and '2'); give each key once. Usage: %%track params"),
                Arguments.of("params", "name=\"open", "Line 2: Unbalanced double quote opened at column 6"),
                Arguments.of("params", "# nothing\n\n", "The cell has no KEY=VALUE lines"),
                Arguments.of("params extra", "a=1", "Unexpected argument 'extra' at column 8: %%track params takes no arguments"),
                Arguments.of("", "a=1", "%%track needs a subcommand. Usage: %%track params"),
                Arguments.of("start", "a=1", "'start' is a line magic: write it with one percent sign. Usage: %track start"),
                Arguments.of("parmas", "a=1", "Unknown subcommand 'parmas' for %track (did you mean params?)"));
    }

    @ParameterizedTest(name = "[{index}] %%track {0}")
    @MethodSource("badCells")
    void rejectsBadParamsCellsNamingTheLine(String firstLine, String body, String expectedPart) {
        assertThatThrownBy(() -> TrackParser.parseCell(firstLine, body))
                .isInstanceOf(TrackSyntaxException.class)
                .hasMessageContaining(expectedPart)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
