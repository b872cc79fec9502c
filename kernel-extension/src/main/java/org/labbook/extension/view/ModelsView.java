package org.labbook.extension.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.labbook.kernel.api.MimeBundle;
import org.labbook.kernel.api.MimeBundleProvider;
import org.labbook.magics.ModelReport;
import org.labbook.tracking.AliasMove;
import org.labbook.tracking.ModelVersion;
import org.labbook.tracking.RunDetails;

/**
 * One model inline: the versions table (alias badges, the run, who registered and who promoted each
 * version, the gate metric's value), the audit trail of promotions, and a chart of the gate metric across
 * versions. The text representation is {@link ModelReport#text()}.
 */
public final class ModelsView implements MimeBundleProvider {
    private static final String BADGE = "display:inline-block;margin:0 2px;padding:0 6px;border-radius:8px;"
            + "background:#1d4ed8;color:#fff;font-size:85%;";

    private final ModelReport report;
    private final Optional<ChartView> chart;

    private ModelsView(ModelReport report, Optional<ChartView> chart) {
        this.report = report;
        this.chart = chart;
    }

    public static ModelsView of(ModelReport report) {
        return new ModelsView(report, chart(report));
    }

    /** The gate metric across versions, oldest first; empty when no gate named a metric or no version has it. */
    private static Optional<ChartView> chart(ModelReport report) {
        if (report.gateMetric().isEmpty() || report.metricValues().isEmpty()) {
            return Optional.empty();
        }
        List<ModelVersion> ordered = new ArrayList<>(report.versions());
        ordered.sort(java.util.Comparator.comparingInt(ModelVersion::version));
        List<ModelVersion> measured = ordered.stream().filter(v -> report.metricValues().containsKey(v.version())).toList();
        long[] versions = new long[measured.size()];
        long[] times = new long[measured.size()];
        double[] values = new double[measured.size()];
        for (int i = 0; i < measured.size(); i++) {
            versions[i] = measured.get(i).version();
            times[i] = measured.get(i).createdAt().toEpochMilli();
            values[i] = report.metricValues().get(measured.get(i).version());
        }
        Series series = new Series(report.model().name() + " by version", report.gateMetric().get(), versions, times, values);
        ChartView view = CurveChart.of(List.of(series), ChartOptions.defaults());
        // The curve's x values are version numbers, and each version is a point worth seeing.
        if (view.xchart() instanceof org.knowm.xchart.XYChart chart) {
            chart.setXAxisTitle("version");
            chart.getSeriesMap().values().forEach(s -> s.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE));
        }
        versionAxis(view.vegaLite());
        return Optional.of(view);
    }

    /** The interactive spec names its x values as the PNG does: they are versions, not steps. */
    @SuppressWarnings("unchecked")
    private static void versionAxis(Map<String, Object> spec) {
        Map<String, Object> encoding = (Map<String, Object>) spec.get("encoding");
        ((Map<String, Object>) encoding.get("x")).put("title", "version");
        for (Object tip : (List<Object>) encoding.get("tooltip")) {
            Map<String, Object> field = (Map<String, Object>) tip;
            if ("step".equals(field.get("field"))) {
                field.put("title", "version");
            }
        }
    }

    public ModelReport report() {
        return report;
    }

    public Optional<ChartView> chart() {
        return chart;
    }

    public String html() {
        StringBuilder html = new StringBuilder("<div class=\"lb-models\">");
        html.append("<div style=\"font-weight:bold;margin:4px 0;\">Model ").append(Html.escape(report.model().name()))
                .append("</div>");
        html.append("<table class=\"lb-model-versions\"><thead><tr><th>version</th><th>aliases</th><th>run</th>"
                + "<th>registered</th><th>by</th>");
        report.gateMetric().ifPresent(m -> html.append("<th>").append(Html.escape(m)).append("</th>"));
        html.append("<th>promoted by</th><th>note</th></tr></thead><tbody>");
        for (ModelVersion v : report.versions()) {
            html.append(v.archived() ? "<tr style=\"color:#888;\">" : "<tr>");
            html.append("<td>").append(v.version()).append(v.archived() ? " (archived)" : "").append("</td><td>");
            for (String alias : v.aliases()) {
                html.append("<span class=\"lb-alias\" style=\"").append(BADGE).append("\">").append(Html.escape(alias))
                        .append("</span>");
            }
            RunDetails run = report.runs().get(v.version());
            html.append("</td><td>").append(Html.escape(run == null ? v.runId() : run.name() + " (" + run.id().substring(0,
                    Math.min(8, run.id().length())) + ")")).append("</td>");
            html.append("<td>").append(Html.escape(v.createdAt().toString())).append("</td>");
            html.append("<td>").append(Html.escape(v.createdBy())).append("</td>");
            report.gateMetric().ifPresent(m -> html.append("<td style=\"text-align:right;\">")
                    .append(Optional.ofNullable(report.metricValues().get(v.version())).map(Numbers::format).orElse(""))
                    .append("</td>"));
            html.append("<td>").append(Html.escape(report.promotedBy().getOrDefault(v.version(), ""))).append("</td>");
            html.append("<td>").append(Html.escape(v.noteText().orElse(""))).append("</td></tr>");
        }
        html.append("</tbody></table>");
        if (!report.history().isEmpty()) {
            html.append("<details class=\"lb-model-trail\"><summary>").append(report.history().size())
                    .append(report.history().size() == 1 ? " promotion" : " promotions").append("</summary><ol>");
            for (AliasMove move : report.history()) {
                html.append("<li>").append(Html.escape(ModelReport.move(move))).append("</li>");
            }
            html.append("</ol></details>");
        }
        chart.ifPresent(c -> html.append("<div class=\"lb-charts\" style=\"margin-top:8px;\">").append(c.htmlImage())
                .append("</div>"));
        return html.append("</div>").toString();
    }

    @Override
    public MimeBundle toMimeBundle() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("text/html", html());
        data.put("text/plain", report.text());
        return MimeBundle.of(data);
    }

    @Override
    public String toString() {
        return report.text();
    }
}
