package org.labbook.magics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.labbook.kernel.api.MimeBundle;
import org.labbook.kernel.api.MimeBundleProvider;
import org.labbook.magics.internal.Formats;
import org.labbook.magics.internal.TextTable;
import org.labbook.tracking.ArtifactRef;
import org.labbook.tracking.DatasetInput;
import org.labbook.tracking.MetricSummary;
import org.labbook.tracking.Note;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.RunInfo;

/** Everything {@code %track show} knows about one run. */
public record RunReport(RunDetails run, List<Note> notes, List<ArtifactRef> artifacts, List<DatasetInput> datasets)
        implements MimeBundleProvider {
    /** The prefix of the metrics the system metrics sampler logs. */
    public static final String SYSTEM_PREFIX = "system/";

    public RunReport {
        notes = List.copyOf(notes);
        artifacts = List.copyOf(artifacts);
        datasets = List.copyOf(datasets);
    }

    public String text() {
        RunInfo info = run.info();
        List<String> lines = new ArrayList<>();
        lines.add("Run " + info.name() + " (" + info.id() + ")");
        lines.add("  experiment: " + info.experimentName());
        lines.add("  status:     " + info.status());
        lines.add("  started:    " + Formats.time(info.startTime()) + " by " + info.user());
        info.end().ifPresent(end -> lines.add("  ended:      " + Formats.time(end) + " after "
                + Formats.duration(info.startTime(), end)));
        info.parent().ifPresent(parent -> lines.add("  parent:     " + parent));
        if (info.source().notebookPath() != null) {
            lines.add("  notebook:   " + info.source().notebookPath());
        }
        section(lines, "params", new TreeMap<>(run.params()));
        section(lines, "tags", new TreeMap<>(run.tags()));
        StringBuilder out = new StringBuilder(String.join("\n", lines));
        TreeMap<String, MetricSummary> logged = new TreeMap<>();
        TreeMap<String, MetricSummary> system = new TreeMap<>();
        run.metrics().forEach((key, summary) -> (isSystemMetric(key) ? system : logged).put(key, summary));
        if (!logged.isEmpty()) {
            TextTable metrics = new TextTable(List.of("metric", "latest", "step", "min", "max", "points"));
            for (MetricSummary m : logged.values()) {
                metrics.row(List.of(m.key(), Formats.number(m.latest()), Long.toString(m.latestStep()),
                        Formats.number(m.min()), Formats.number(m.max()), Long.toString(m.count())));
            }
            out.append("\nmetrics:\n").append(metrics.render().indent(2).stripTrailing());
        }
        if (!system.isEmpty()) {
            // Sampled while the run was RUNNING; the step is seconds since its start.
            TextTable metrics = new TextTable(List.of("system metric", "min", "max", "last", "samples", "over"));
            for (MetricSummary m : system.values()) {
                metrics.row(List.of(m.key().substring(SYSTEM_PREFIX.length()), Formats.number(m.min()),
                        Formats.number(m.max()), Formats.number(m.latest()), Long.toString(m.count()), m.latestStep() + " s"));
            }
            out.append("\nsystem metrics:\n").append(metrics.render().indent(2).stripTrailing());
        }
        for (DatasetInput d : datasets) {
            out.append("\ndataset ").append(d.name()).append(": ").append(d.location()).append(" (sha256 ")
                    .append(d.sha256(), 0, Math.min(12, d.sha256().length())).append(", ").append(d.size()).append(" bytes")
                    .append(d.rows() >= 0 ? ", " + d.rows() + " rows x " + d.columns() + " columns" : "").append(')');
        }
        for (ArtifactRef a : artifacts) {
            out.append("\nartifact ").append(a.name()).append(" (").append(a.size()).append(" bytes)");
        }
        for (Note n : notes) {
            out.append("\nnote ").append(Formats.time(n.createdAt())).append(": ").append(n.text());
        }
        return out.toString();
    }

    /** Metrics the system metrics sampler logs, as opposed to those the run logged itself. */
    public static boolean isSystemMetric(String key) {
        return key.startsWith(SYSTEM_PREFIX);
    }

    private static void section(List<String> lines, String name, Map<String, String> values) {
        if (values.isEmpty()) {
            return;
        }
        lines.add(name + ":");
        values.forEach((k, v) -> lines.add("  " + k + " = " + v));
    }

    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.text(text());
    }
}
