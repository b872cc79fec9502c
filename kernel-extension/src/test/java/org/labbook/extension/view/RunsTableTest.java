package org.labbook.extension.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labbook.tracking.MetricSummary;
import org.labbook.tracking.RunStatus;
import tech.tablesaw.api.Table;

class RunsTableTest {

    private static List<RunRow> sweep() {
        return List.of(
                Fixtures.run("a1b2c3d4e5f6", "lr-small", RunStatus.FINISHED, Map.of("lr", "0.001", "epochs", "10"),
                        0.40, 0.81),
                Fixtures.run("b1b2c3d4e5f6", "lr-mid", RunStatus.FINISHED, Map.of("lr", "0.01", "epochs", "10"),
                        0.20, 0.90),
                Fixtures.run("c1b2c3d4e5f6", "lr-big", RunStatus.CRASHED, Map.of("lr", "0.1", "epochs", "10"),
                        0.90, 0.55));
    }

    @Test
    void htmlHasOneRowPerRunWithNameShortIdAndStatus() {
        String html = RunsTable.of(sweep(), TableOptions.defaults()).html();

        assertThat(html.split("<tr class=\"lb-run\"", -1)).hasSize(4);
        assertThat(html).contains("lr-small").contains(">a1b2c3d4</code>").contains("title=\"a1b2c3d4e5f6\"");
        assertThat(html).contains("lb-status-finished").contains("2m 05s");
    }

    @Test
    void askedColumnsComeRightAfterTheRunNameInTheOrderAsked() {
        RunsTable table = RunsTable.of(sweep(), TableOptions.defaults()
                .withColumnsFirst(List.of("metrics.accuracy", "params.lr", "params.absent")));
        String header = table.html().substring(0, table.html().indexOf("</thead>"));

        assertThat(header).containsSubsequence(">run</th>", ">accuracy \u2191</th>", ">lr</th>", ">status</th>",
                ">loss \u2193</th>");
        // Each column once: the asked ones are not repeated among the others; unknown keys are skipped.
        assertThat(header.split(">lr</th>", -1)).hasSize(2);
        assertThat(header.split(">accuracy \u2191</th>", -1)).hasSize(2);
        assertThat(header).doesNotContain("absent");
        String firstRow = table.html().substring(table.html().indexOf("<tr class=\"lb-run\""));
        firstRow = firstRow.substring(0, firstRow.indexOf("</tr>"));
        assertThat(firstRow.split("<td ").length - 1).isEqualTo(header.split("<th ").length - 1);
    }

    @Test
    void crashedRunsGetTheirOwnBadge() {
        String html = RunsTable.of(sweep(), TableOptions.defaults()).html();

        assertThat(html).containsOnlyOnce("lb-status-crashed").contains("\u26a0 CRASHED");
        assertThat(html.substring(html.indexOf("lb-status-crashed"))).startsWith("lb-status-crashed\" style=\"background:#b91c1c");
    }

    @Test
    void comparisonHighlightsDifferingParamsAndFoldsConstantOnes() {
        RunsTable table = RunsTable.of(sweep(), TableOptions.defaults().asComparison(true));
        String html = table.html();

        assertThat(table.shownParams()).containsExactly("lr");
        assertThat(table.constantParams()).containsExactly(Map.entry("epochs", "10"));
        assertThat(html).contains("<th class=\"lb-param lb-diff\"");
        assertThat(html).contains("<details class=\"lb-constants\"")
                .contains("1 param with the same value in every run");
        String folded = html.substring(html.indexOf("<details"));
        assertThat(folded).contains(">epochs</td>").contains(">10</td>");
    }

    @Test
    void outsideAComparisonEveryParamIsAColumnAndNothingIsHighlighted() {
        RunsTable table = RunsTable.of(sweep(), TableOptions.defaults());

        assertThat(table.shownParams()).containsExactlyInAnyOrder("lr", "epochs");
        assertThat(table.html()).doesNotContain("lb-diff").doesNotContain("<details");
    }

    @Test
    void bestValueFollowsTheMetricDirection() {
        RunsTable table = RunsTable.of(sweep(), TableOptions.defaults());

        assertThat(table.bestRows("loss")).containsExactly(1);
        assertThat(table.bestRows("accuracy")).containsExactly(1);
        assertThat(table.html()).contains("<td class=\"lb-best\" title=\"best\"").contains("\u2605 0.2<");
    }

    @Test
    void anOverriddenDirectionChangesTheBestRow() {
        RunsTable table = RunsTable.of(sweep(), TableOptions.defaults().withDirection("loss", MetricDirection.MAXIMIZE));

        assertThat(table.bestRows("loss")).containsExactly(2);
    }

    @Test
    void paramValuesAreEscapedSoMarkupShowsAsText() {
        List<RunRow> runs = List.of(
                Fixtures.run("x1", "<b>bold</b>", RunStatus.FINISHED, Map.of("note", "<script>alert(1)</script>"), 1, 1),
                Fixtures.run("x2", "plain", RunStatus.FINISHED, Map.of("note", "a \"quoted\" & 'single'"), 2, 2));
        String html = RunsTable.of(runs, TableOptions.defaults().asComparison(true)).html();

        assertThat(html).doesNotContain("<script>").doesNotContain("<b>bold</b>");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("&lt;b&gt;bold&lt;/b&gt;")
                .contains("a &quot;quoted&quot; &amp; &#39;single&#39;");
    }

    @Test
    void aThousandRunsOfFiftyColumnsAreCutWithANoteInAScrollableBox() {
        List<RunRow> runs = new ArrayList<>();
        for (int r = 0; r < 1000; r++) {
            Map<String, String> params = new LinkedHashMap<>();
            for (int p = 0; p < 40; p++) {
                params.put("p" + p, Integer.toString(p == 0 ? r : p));
            }
            runs.add(Fixtures.run("run" + r, "run-" + r, RunStatus.FINISHED, params, r, r));
        }
        RunsTable table = RunsTable.of(runs, TableOptions.defaults().asComparison(true));
        String html = table.html();

        assertThat(html.split("<tr class=\"lb-run\"", -1)).hasSize(TableOptions.DEFAULT_MAX_ROWS + 1);
        assertThat(html).contains("Showing the first 200 of 1,000 runs.");
        assertThat(html).startsWith("<div class=\"lb-runs\" style=\"max-height:36em;overflow:auto;");
        assertThat(table.plainText()).contains("Showing the first 200 of 1,000 runs.");
        assertThat(table.table().rowCount()).isEqualTo(1000);
    }

    @Test
    void numbersAreRightAlignedAndFormattedWithNaNAndInfinityShown() {
        Map<String, MetricSummary> metrics = Map.of(
                "steps", new MetricSummary("steps", 1234567, 1, 0, 1, 1234567, 2),
                "score", new MetricSummary("score", Double.NaN, 1, 0, Double.POSITIVE_INFINITY, Double.NaN, 2));
        RunRow run = new RunRow("id1", "r", RunStatus.RUNNING, Fixtures.T0, null, "u", Map.of(), Map.of(), metrics);
        String html = RunsTable.of(List.of(run), TableOptions.defaults().withMinMax(true)
                .at(Fixtures.T0.plusSeconds(3))).html();

        assertThat(html).contains("text-align:right;font-variant-numeric:tabular-nums;\">1,234,567</td>");
        assertThat(html).contains(">NaN</td>").contains(">+Inf</td>").contains(">3s</td>");
    }

    @Test
    void minAndMaxColumnsAppearWhenAsked() {
        RunsTable table = RunsTable.of(sweep(), TableOptions.defaults().withMinMax(true).withMetrics(List.of("loss")));

        assertThat(table.html()).contains(">loss min</th>").contains(">loss max</th>").doesNotContain("accuracy");
        Table data = table.table();
        assertThat(data.columnNames()).contains("loss", "loss.min", "loss.max", "param.lr");
        assertThat(data.doubleColumn("loss.max").get(1)).isEqualTo(0.6, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void plainTextMarksBestAndDifferingParams() {
        String text = RunsTable.of(sweep(), TableOptions.defaults().asComparison(true)).plainText();

        assertThat(text).contains("lr *").contains("*0.2").contains("Same in every run: epochs=10");
        assertThat(text.lines().count()).isEqualTo(7);
    }

    @Test
    void bundleCarriesHtmlAndPlainText() {
        var bundle = RunsTable.of(sweep(), TableOptions.defaults()).toMimeBundle();

        assertThat(bundle.data()).containsOnlyKeys("text/html", "text/plain");
    }

    @Test
    void noRunsSaysSo() {
        RunsTable table = RunsTable.of(List.of(), TableOptions.defaults());

        assertThat(table.html()).contains("No runs.");
        assertThat(table.plainText()).isEqualTo("No runs.");
    }
}
