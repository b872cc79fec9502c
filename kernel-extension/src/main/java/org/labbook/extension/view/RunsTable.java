package org.labbook.extension.view;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.labbook.kernel.api.MimeBundle;
import org.labbook.kernel.api.MimeBundleProvider;
import org.labbook.magics.RunReport;
import org.labbook.tracking.MetricSummary;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A table of runs: name and short id, status, start, duration, user, tags, one column per param and per
 * metric. Shows itself as HTML with a plain-text fallback; {@link #table()} is the same data as a Tablesaw
 * table for further analysis in a cell.
 */
public final class RunsTable implements MimeBundleProvider {
    static final DateTimeFormatter START_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final List<RunRow> runs;
    private final TableOptions options;
    private final List<String> metricKeys;
    private final List<String> paramKeys;
    private final Set<String> differingParams;
    private final Map<String, String> constantParams;
    private final Map<String, Set<Integer>> bestRows;

    private RunsTable(List<RunRow> runs, TableOptions options) {
        this.runs = List.copyOf(runs);
        this.options = options;
        this.metricKeys = chooseMetrics(this.runs, options);
        this.paramKeys = paramKeys(this.runs);
        this.differingParams = new LinkedHashSet<>();
        this.constantParams = new LinkedHashMap<>();
        splitParams();
        this.bestRows = bestRows();
    }

    public static RunsTable of(List<RunRow> runs, TableOptions options) {
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(options, "options");
        return new RunsTable(runs, options);
    }

    public List<RunRow> runs() {
        return runs;
    }

    public TableOptions options() {
        return options;
    }

    /** The metric columns shown, in order. */
    public List<String> metricKeys() {
        return metricKeys;
    }

    /** Every param key any run has, shown or folded. */
    public List<String> allParams() {
        return paramKeys;
    }

    /** The param columns shown: all params, or in a comparison only those whose values differ. */
    public List<String> shownParams() {
        if (!folding()) {
            return paramKeys;
        }
        return List.copyOf(differingParams);
    }

    /** In a comparison, the params every run has with the same value (folded away); empty otherwise. */
    public Map<String, String> constantParams() {
        return folding() ? Collections.unmodifiableMap(constantParams) : Map.of();
    }

    /** True when the param's values differ between the runs (always false outside a comparison). */
    public boolean differs(String paramKey) {
        return options.comparison() && differingParams.contains(paramKey);
    }

    /** Indexes into {@link #runs()} of the rows holding the best latest value of {@code metricKey}. */
    public Set<Integer> bestRows(String metricKey) {
        return bestRows.getOrDefault(metricKey, Set.of());
    }

    /** How many rows are shown before the note; the rest are cut. */
    public int shownRows() {
        return Math.min(runs.size(), options.maxRows());
    }

    /**
     * The data as a Tablesaw table: text columns for the run's facts and params, double columns for
     * metrics (NaN where a run lacks the metric), all rows, not cut.
     */
    public Table table() {
        Table table = Table.create("runs");
        table.addColumns(
                StringColumn.create("run", runs.stream().map(RunRow::name)),
                StringColumn.create("id", runs.stream().map(RunRow::id)),
                StringColumn.create("status", runs.stream().map(r -> r.status().name())),
                StringColumn.create("start", runs.stream().map(this::startText)),
                StringColumn.create("duration", runs.stream().map(r -> Numbers.format(r.duration(options.now())))),
                StringColumn.create("user", runs.stream().map(RunRow::user)),
                StringColumn.create("tags", runs.stream().map(RunsTable::tagsText)));
        for (String key : paramKeys) {
            table.addColumns(StringColumn.create(uniqueName(table, "param." + key),
                    runs.stream().map(r -> r.params().getOrDefault(key, ""))));
        }
        for (String key : metricKeys) {
            table.addColumns(DoubleColumn.create(uniqueName(table, key), runs.stream()
                    .mapToDouble(r -> r.metric(key).map(MetricSummary::latest).orElse(Double.NaN))));
            if (options.minMax()) {
                table.addColumns(
                        DoubleColumn.create(uniqueName(table, key + ".min"), runs.stream()
                                .mapToDouble(r -> r.metric(key).map(MetricSummary::min).orElse(Double.NaN))),
                        DoubleColumn.create(uniqueName(table, key + ".max"), runs.stream()
                                .mapToDouble(r -> r.metric(key).map(MetricSummary::max).orElse(Double.NaN))));
            }
        }
        return table;
    }

    /** Self-contained HTML (inline styles only, no script): the same in JupyterLab, Notebook, VS Code, nbconvert. */
    public String html() {
        return new RunsTableHtml(this).write();
    }

    /** The table as aligned text, cut like the HTML. */
    public String plainText() {
        return RunsTableText.write(this);
    }

    @Override
    public MimeBundle toMimeBundle() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("text/html", html());
        data.put("text/plain", plainText());
        return MimeBundle.of(data);
    }

    @Override
    public String toString() {
        return plainText();
    }

    String startText(RunRow run) {
        return START_FORMAT.format(run.start().atZone(ZoneId.systemDefault()));
    }

    static String tagsText(RunRow run) {
        List<String> parts = new ArrayList<>();
        run.tags().forEach((k, v) -> parts.add(v.isEmpty() ? k : k + "=" + v));
        return String.join(", ", parts);
    }

    private boolean folding() {
        return options.comparison() && runs.size() > 1;
    }

    private static String uniqueName(Table table, String wanted) {
        String name = wanted;
        for (int i = 2; table.containsColumn(name); i++) {
            name = wanted + " (" + i + ")";
        }
        return name;
    }

    private static List<String> chooseMetrics(List<RunRow> runs, TableOptions options) {
        if (!options.metrics().isEmpty()) {
            return options.metrics();
        }
        Set<String> keys = new TreeSet<>();
        // System metrics stay out unless asked for by name: they would bury the metrics the run logged.
        runs.forEach(r -> r.metrics().keySet().stream().filter(key -> !RunReport.isSystemMetric(key)).forEach(keys::add));
        return List.copyOf(keys);
    }

    private static List<String> paramKeys(List<RunRow> runs) {
        Set<String> keys = new LinkedHashSet<>();
        runs.forEach(r -> keys.addAll(r.params().keySet()));
        return List.copyOf(keys);
    }

    private void splitParams() {
        for (String key : paramKeys) {
            String first = runs.get(0).params().get(key);
            boolean same = first != null && runs.stream().allMatch(r -> first.equals(r.params().get(key)));
            if (same) {
                constantParams.put(key, first);
            } else {
                differingParams.add(key);
            }
        }
    }

    private Map<String, Set<Integer>> bestRows() {
        Map<String, Set<Integer>> best = new LinkedHashMap<>();
        if (runs.size() < 2) {
            return best;
        }
        for (String key : metricKeys) {
            MetricDirection direction = options.direction(key);
            double bestValue = Double.NaN;
            Set<Integer> rows = new TreeSet<>();
            for (int i = 0; i < runs.size(); i++) {
                double v = runs.get(i).metric(key).map(MetricSummary::latest).orElse(Double.NaN);
                if (direction.isBetter(v, bestValue)) {
                    bestValue = v;
                    rows.clear();
                    rows.add(i);
                } else if (!Double.isNaN(v) && v == bestValue) {
                    rows.add(i);
                }
            }
            best.put(key, Collections.unmodifiableSet(rows));
        }
        return best;
    }
}
