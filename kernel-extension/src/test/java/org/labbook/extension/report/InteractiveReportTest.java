package org.labbook.extension.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.extension.view.ChartOptions;
import org.labbook.extension.view.CurveChart;
import org.labbook.extension.view.Series;
import org.labbook.extension.view.StoreViews;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.RunQuery;
import org.labbook.tracking.Run;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.TrackerOptions;

/** The report's charts on a real SQLite store: Vega views over PNG fallbacks, the notebook's specs, nothing escapes. */
class InteractiveReportTest {
    /** A run name that would end a script element and start markup if it were pasted into the page as is. */
    static final String HOSTILE = "b</script><script>alert(1)</script><!-- & \u2028 c";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FIGURE = Pattern.compile("<figure class=\"lb-figure\"><div class=\"lb-view\"></div>"
            + "(<img class=\"lb-chart\" alt=\"([^\"]*)\" src=\"data:image/png;base64,[A-Za-z0-9+/=]+\"/>)"
            + "<script type=\"application/json\" class=\"lb-spec\">([^<]*)</script></figure>");

    @TempDir
    static Path storeDir;

    @BeforeAll
    static void twoRunsWithTwoMetricsAndARunWithNone() {
        try (Tracker tracker = open()) {
            for (String name : List.of("a", HOSTILE)) {
                try (Run run = tracker.start("review", name)) {
                    for (int step = 0; step < 30; step++) {
                        run.metric("loss", (name.length() % 3 + 1.0) / (step + 1), step);
                        run.metric("acc", 1 - 1.0 / (step + 2), step);
                    }
                }
            }
            try (Run run = tracker.start("plain", "no-metrics")) {
                run.param("lr", "0.1");
            }
        }
    }

    private static Tracker open() {
        return Labbook.open(storeDir.toString(), TrackerOptions.defaults().withShutdownHook(false));
    }

    private static String report(String experiment) {
        try (Tracker tracker = open()) {
            return ReviewReport.write(tracker, experiment, new PrintWriter(new StringWriter())).html();
        }
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    @Test
    void librariesAreInlinedOnceAndEachChartIsAFigureWithItsImageAndOneSpec() {
        String html = report("review");

        for (VegaScripts.Library library : VegaScripts.libraries()) {
            assertThat(count(html, "<script>/*! " + library.name() + " " + library.version() + " "))
                    .as(library.name()).isEqualTo(1);
        }
        List<String> titles = new ArrayList<>();
        Matcher figure = FIGURE.matcher(html);
        while (figure.find()) {
            titles.add(figure.group(2));
        }
        assertThat(titles).containsExactly("acc", "loss");
        assertThat(count(html, "<figure")).isEqualTo(2);
        assertThat(count(html, "<img class=\"lb-chart\"")).isEqualTo(2);
        assertThat(count(html, "<script type=\"application/json\" class=\"lb-spec\">")).isEqualTo(2);
        // The libraries come after every figure, so the page's text and images show before they are parsed.
        assertThat(html.indexOf("<script>/*! vega ")).isGreaterThan(html.lastIndexOf("</figure>"));
        assertThat(html).contains("<!-- Interactive charts: vega 5.30.0 (BSD-3-Clause), vega-lite 5.21.0 (BSD-3-Clause),"
                + " vega-embed 6.26.0 (BSD-3-Clause)")
                .contains("<details class=\"lb-notices\">").contains("Redistribution and use in source and binary forms")
                .contains("vegaEmbed(view, spec, { renderer: 'svg', actions: false })");
    }

    @Test
    void eachSpecIsTheNotebooksSpecForThatMetric() throws Exception {
        String html = report("review");
        Matcher figure = FIGURE.matcher(html);
        try (Tracker tracker = open()) {
            List<RunDetails> runs = tracker.runs(RunQuery.inExperiment("review").orderBy("attributes.start_time ASC"))
                    .runs();
            while (figure.find()) {
                String metric = figure.group(2);
                Map<String, List<Series>> series = StoreViews.series(runs, List.of(metric), Map.of(metric,
                        tracker.histories(runs.stream().map(RunDetails::id).toList(), metric, ReviewReport.CURVE_POINTS)));
                // As the notebook's output carries it: serialised, so numbers compare as JSON numbers.
                JsonNode notebooks = JSON.readTree(JSON.writeValueAsString(
                        CurveChart.of(series.get(metric), ChartOptions.defaults()).vegaLite()));

                JsonNode embedded = JSON.readTree(figure.group(3));

                assertThat(embedded).as(metric).isEqualTo(notebooks);
                assertThat(embedded.at("/params/0/bind").asText()).isEqualTo("legend");
                assertThat(embedded.at("/encoding/tooltip").findValuesAsText("field")).contains("run", "step", "value");
            }
        }
    }

    @Test
    void aRunNameWithScriptEndTagsStaysInsideItsSpec() throws Exception {
        String html = report("review");

        assertThat(html).doesNotContain("<script>alert(1)").doesNotContain(HOSTILE);
        // Every "</script>" closes one of the page's own script elements.
        assertThat(count(html, "</script>")).isEqualTo(count(html, "<script"));
        Matcher figure = FIGURE.matcher(html);
        assertThat(figure.find()).isTrue();
        assertThat(figure.group(3)).contains("b\\u003c/script\\u003e\\u003cscript\\u003ealert(1)");
        List<String> runs = JSON.readTree(figure.group(3)).at("/data/values").findValuesAsText("run");
        assertThat(runs).contains("a", HOSTILE);
    }

    @Test
    void specJsonEscapesMarkupCharactersAndReadsBackTheSame() throws Exception {
        Map<String, Object> spec = Map.of("title", "</script><!-- a & b > c", "n", List.of(1, 2.5));

        String json = InteractiveCharts.specJson(spec);

        assertThat(json).doesNotContain("<", ">", "&").contains("\\u003c/script\\u003e\\u003c!-- a \\u0026 b \\u003e c");
        assertThat(JSON.readTree(json)).isEqualTo(JSON.valueToTree(spec));
    }

    @Test
    void aReportWithoutChartsCarriesNoChartLibraries() {
        String html = report("plain");

        assertThat(html).contains(">no-metrics <code").doesNotContain("<figure", "/*! vega", "<details class=\"lb-notices\"",
                "Interactive charts");
    }
}
