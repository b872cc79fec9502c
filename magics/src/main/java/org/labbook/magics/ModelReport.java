package org.labbook.magics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.labbook.magics.internal.Formats;
import org.labbook.magics.internal.TextTable;
import org.labbook.tracking.AliasMove;
import org.labbook.tracking.DatasetInput;
import org.labbook.tracking.MetricSummary;
import org.labbook.tracking.ModelLineage;
import org.labbook.tracking.ModelRegistry;
import org.labbook.tracking.ModelVersion;
import org.labbook.tracking.RegisteredModel;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.TrackingException;
import org.labbook.tracking.query.Filter;
import org.labbook.tracking.query.FilterParser;
import org.labbook.tracking.query.Operand;

/**
 * What {@code %track models} and {@code labbook models} show about a model: its versions with their
 * aliases, runs, who promoted them and the value of the gate metric (the metric the latest gate with a
 * metric clause compares), and its audit trail; or every model. Text here; the notebook draws the same
 * data as a table and a chart.
 *
 * @param gateMetric the metric key shown per version, when some gate named one
 * @param metricValues version number to the latest value of {@code gateMetric} on its run
 * @param promotedBy version number to who last pointed an alias at it
 */
public record ModelReport(RegisteredModel model, List<ModelVersion> versions, List<AliasMove> history,
                          Map<Integer, RunDetails> runs, Optional<String> gateMetric,
                          Map<Integer, Double> metricValues, Map<Integer, String> promotedBy) {

    /** Reads what the report shows for one model. */
    public static ModelReport of(Tracker tracker, String name, boolean includeArchived) {
        ModelRegistry registry = tracker.models();
        RegisteredModel model = registry.model(name);
        List<ModelVersion> versions = registry.versions(name, includeArchived);
        List<AliasMove> history = registry.history(name);
        Optional<String> metric = gateMetric(history);
        Map<Integer, RunDetails> runs = new LinkedHashMap<>();
        Map<Integer, Double> values = new LinkedHashMap<>();
        for (ModelVersion v : versions) {
            tracker.store().findRun(v.runId()).ifPresent(run -> {
                runs.put(v.version(), run);
                metric.map(run.metrics()::get).map(MetricSummary::latest).ifPresent(x -> values.put(v.version(), x));
            });
        }
        Map<Integer, String> promotedBy = new LinkedHashMap<>();
        for (AliasMove move : history) {
            move.toVersion().ifPresent(v -> promotedBy.put(v, move.user()));
        }
        return new ModelReport(model, versions, history, runs, metric, values, promotedBy);
    }

    /** The metric of the most recent gate that names one, e.g. val_auc. */
    static Optional<String> gateMetric(List<AliasMove> history) {
        for (int i = history.size() - 1; i >= 0; i--) {
            Optional<String> gate = history.get(i).gateText();
            if (gate.isPresent()) {
                Optional<String> metric = firstMetric(FilterParser.parse(gate.get()));
                if (metric.isPresent()) {
                    return metric;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> firstMetric(Filter filter) {
        if (filter instanceof Filter.Compare c) {
            return c.operand().kind() == Operand.Kind.METRIC ? Optional.of(c.operand().key()) : Optional.empty();
        }
        if (filter instanceof Filter.And and) {
            return firstMetric(and.left()).or(() -> firstMetric(and.right()));
        }
        if (filter instanceof Filter.Or or) {
            return firstMetric(or.left()).or(() -> firstMetric(or.right()));
        }
        if (filter instanceof Filter.Not not) {
            return firstMetric(not.inner());
        }
        return Optional.empty();
    }

    /** The versions table and the audit trail, as text. */
    public String text() {
        StringBuilder out = new StringBuilder("Model " + model.name() + ": " + versions.size() + " version"
                + (versions.size() == 1 ? "" : "s") + (model.aliases().isEmpty() ? "" : ", aliases " + aliases(model.aliases()))
                + "\n");
        List<String> headers = new ArrayList<>(List.of("version", "aliases", "run", "registered", "by"));
        gateMetric.ifPresent(headers::add);
        headers.addAll(List.of("promoted by", "note"));
        TextTable table = new TextTable(headers);
        for (ModelVersion v : versions) {
            List<String> row = new ArrayList<>(List.of(v.version() + (v.archived() ? " (archived)" : ""),
                    String.join(", ", v.aliases()),
                    Optional.ofNullable(runs.get(v.version())).map(r -> r.name() + " " + Formats.shortId(r.id()))
                            .orElse(Formats.shortId(v.runId())),
                    Formats.time(v.createdAt()), v.createdBy()));
            gateMetric.ifPresent(m -> row.add(Optional.ofNullable(metricValues.get(v.version())).map(Formats::number)
                    .orElse("")));
            row.add(promotedBy.getOrDefault(v.version(), ""));
            row.add(v.noteText().orElse(""));
            table.row(row);
        }
        out.append(table.render());
        if (!history.isEmpty()) {
            out.append("\nPromotions:\n");
            for (AliasMove move : history) {
                out.append("  ").append(move(move)).append('\n');
            }
        }
        return out.toString().stripTrailing();
    }

    /** One line of the audit trail. */
    public static String move(AliasMove move) {
        return "#" + move.seq() + " " + Formats.time(move.at()) + " " + move.user() + ": " + move.alias() + " "
                + version(move.fromVersion()) + " → " + version(move.toVersion())
                + move.gateText().map(g -> ", gate " + g).orElse("") + move.noteText().map(n -> ", \"" + n + "\"").orElse("");
    }

    private static String version(OptionalInt version) {
        return version.isPresent() ? "v" + version.getAsInt() : "(none)";
    }

    /** Every registered model, as text. */
    public static String modelsText(List<RegisteredModel> models) {
        if (models.isEmpty()) {
            return "No model is registered yet. Register a run with %track register RUN --model NAME.";
        }
        TextTable table = new TextTable(List.of("model", "versions", "aliases", "created", "by"));
        for (RegisteredModel m : models) {
            table.row(List.of(m.name(), String.valueOf(m.latestVersion()), aliases(m.aliases()),
                    Formats.time(m.createdAt()), m.createdBy()));
        }
        return table.render().stripTrailing();
    }

    private static String aliases(Map<String, Integer> aliases) {
        List<String> parts = new ArrayList<>();
        aliases.forEach((alias, v) -> parts.add(alias + "=v" + v));
        return String.join(", ", parts);
    }

    /** Where a version came from, as text: run, artifact, session, commit and diff, datasets, environment. */
    public static String lineageText(String reference, ModelLineage lineage) {
        return lineageText(reference, lineage, Optional.empty());
    }

    /** As {@link #lineageText(String, ModelLineage)}, with the commit and diff summary read from the run. */
    public static String lineageText(String reference, ModelLineage lineage, Tracker tracker) {
        Optional<CodeSummary> code;
        try {
            code = lineage.codeVersion().flatMap(a -> CodeSummary.read(tracker.readArtifact(a)));
        } catch (TrackingException e) {
            // The artifact's bytes are gone: the line falls back to the commit tag.
            code = Optional.empty();
        }
        return lineageText(reference, lineage, code);
    }

    private static String lineageText(String reference, ModelLineage lineage, Optional<CodeSummary> code) {
        ModelVersion v = lineage.version();
        RunDetails run = lineage.run();
        StringBuilder out = new StringBuilder(reference + " is " + v.reference() + ", registered by " + v.createdBy()
                + " at " + Formats.time(v.createdAt()) + v.noteText().map(n -> " (\"" + n + "\")").orElse("") + "\n");
        out.append("  run          '").append(run.name()).append("' ").append(run.id()).append(" in ")
                .append(run.info().experimentName()).append(", ").append(run.status()).append(", by ")
                .append(run.info().user()).append('\n');
        out.append("  artifact     ").append(v.artifact().map(name -> name + " sha256 " + v.artifactSha256() + " ("
                + v.artifactSize() + " bytes)" + (lineage.artifact().isPresent() ? "" : " — no longer held by the run"))
                .orElse("(none recorded)")).append('\n');
        out.append("  session      ").append(lineage.sessionNotebook().map(a -> a.name() + " sha256 "
                + a.sha256().substring(0, 12) + "; %track export " + run.id() + " --to run.ipynb")
                .orElse("(none: the run was not logged from a notebook)")).append('\n');
        if (code.isPresent()) {
            out.append("  commit       ").append(code.get().text()).append('\n');
        } else {
            out.append("  commit       ").append(lineage.gitCommit().orElse("(none recorded)"))
                    .append(Optional.ofNullable(run.tags().get("labbook.git.branch")).map(b -> " on " + b).orElse(""))
                    .append("true".equals(run.tags().get("labbook.git.dirty")) ? ", with uncommitted changes" : "")
                    .append(lineage.codeVersion().map(a -> "; commit and diff in " + a.name()).orElse("")).append('\n');
        }
        if (lineage.datasets().isEmpty()) {
            out.append("  datasets     (none recorded)\n");
        }
        for (DatasetInput d : lineage.datasets()) {
            out.append("  dataset      ").append(d.name()).append(" sha256 ").append(d.sha256(), 0, Math.min(12, d.sha256().length()))
                    .append(d.rows() >= 0 ? ", " + d.rows() + " rows x " + d.columns() + " columns" : "")
                    .append(" at ").append(d.location()).append('\n');
        }
        out.append("  environment  ").append(lineage.environment().map(a -> a.name()).orElse("(none recorded)"));
        lineage.environmentTags().forEach((k, val) -> {
            if (k.startsWith("labbook.java") || k.startsWith("labbook.host") || k.startsWith("labbook.kernel")) {
                out.append(", ").append(k.substring("labbook.".length())).append('=').append(val);
            }
        });
        out.append('\n');
        for (AliasMove move : lineage.promotions()) {
            out.append("  promotion    ").append(move(move)).append('\n');
        }
        return out.toString().stripTrailing();
    }
}
