package org.labbook.extension.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.kernel.testing.KernelHarness;
import picocli.CommandLine;

class ReportCommandTest {
    @TempDir
    static Path storeDir;

    @TempDir
    Path outDir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Two runs logged from a real kernel, so each has its session notebook. */
    @BeforeAll
    static void twoRunsFromANotebook() {
        try (KernelHarness kernel = KernelHarness.start()) {
            String[] cells = {
                "%track store " + storeDir,
                "%track start alpha --experiment review",
                "Track.param(\"lr\", 0.1); for (int i = 0; i < 20; i++) Track.metric(\"loss\", 1.0 / (i + 1), i);",
                "%track note looks <good> & stable",
                "%track end",
                "%track start beta --experiment review --tag owner=ada",
                "Track.param(\"lr\", 0.01); for (int i = 0; i < 20; i++) Track.metric(\"loss\", 2.0 / (i + 1), i);",
                "%track end"};
            for (String cell : cells) {
                assertThat(kernel.execute(cell).replyContent().path("status").asText()).as(cell).isEqualTo("ok");
            }
        }
    }

    private int report(String... args) {
        CommandLine cli = new CommandLine(new ReportCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void reportHoldsTheTableChartsAndEachRunsDetailsAndSessionWithoutLinks() throws Exception {
        Path file = outDir.resolve("sub/report.html");

        int exit = report("--experiment", "review", "--store", storeDir.toString(), "--out", file.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("Wrote " + file + ": 2 runs, 1 chart");
        assertThat(err.toString()).contains("Read 2 runs of experiment 'review'", "Drew chart 1 of 1: loss",
                "Added run alpha with its session notebook");
        String html = Files.readString(file);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<table class=\"lb-table\"")
                .contains(">alpha <code", ">beta <code").contains("<img class=\"lb-chart\" alt=\"loss\"")
                .contains("data:image/png;base64,").contains("looks &lt;good&gt; &amp; stable")
                .contains("<th>owner</th><td>ada</td>").contains("<th>labbook.java.version</th>")
                .contains("Session notebook:").contains("Track.param(&quot;lr&quot;, 0.1);");
        // Self-contained and link-free: nothing to fetch, nothing to follow. The inlined chart libraries' code
        // builds links for menus the report turns off; the browser check sees that the page requests nothing.
        String markup = html.replaceAll("(?s)<script[^>]*>.*?</script>", "");
        assertThat(markup).doesNotContainPattern("(?i)(src|href)\\s*=\\s*\"(?!data:)").doesNotContain("<a ")
                .doesNotContain("<link");
        assertThat(html).doesNotContainPattern("(?i)<script[^>]+src");
        // The chart is interactive over its image: one figure with the PNG and the spec.
        assertThat(html).contains("<figure class=\"lb-figure\"><div class=\"lb-view\"></div><img class=\"lb-chart\"")
                .contains("<script type=\"application/json\" class=\"lb-spec\">");
    }

    @Test
    void filterKeepsOnlyMatchingRuns() throws Exception {
        Path file = outDir.resolve("filtered.html");

        assertThat(report("--experiment", "review", "--filter", "params.lr = '0.01'", "--store", storeDir.toString(),
                "--out", file.toString())).as(err.toString()).isZero();

        String html = Files.readString(file);
        assertThat(html).contains(">beta <code").doesNotContain(">alpha <code");
    }

    @Test
    void unknownExperimentIsOneLineWithExitCodeTwoAndWritesNothing() {
        Path file = outDir.resolve("none.html");

        assertThat(report("--experiment", "nope", "--store", storeDir.toString(), "--out", file.toString()))
                .isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("labbook report: No experiment 'nope'").contains("review")
                .doesNotContain("\n");
        assertThat(file).doesNotExist();
    }

    @Test
    void badFilterIsOneLineWithExitCodeTwo() {
        assertThat(report("--experiment", "review", "--filter", "metrics.loss >>", "--store", storeDir.toString(),
                "--out", outDir.resolve("x.html").toString())).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("labbook report: ").doesNotContain("\n")
                .doesNotContain("Exception");
    }

    @Test
    void trackReportWritesTheSameReportFromANotebookAndPrintsWhere() throws Exception {
        Path file = outDir.resolve("from-notebook.html");
        try (KernelHarness kernel = KernelHarness.start()) {
            kernel.execute("%track store " + storeDir);
            var cell = kernel.execute("%track report --experiment review --out " + file);
            assertThat(cell.replyContent().path("status").asText()).as(cell.replyContent().toString()).isEqualTo("ok");
            assertThat(KernelHarness.stdout(cell)).contains("Wrote the report of experiment 'review' (2 runs, 1 chart)")
                    .contains(file.toString());
            var missing = kernel.execute("%track report");
            assertThat(missing.replyContent().path("evalue").asText()).contains("--experiment is required")
                    .doesNotContain("\n");
            var wrongFile = kernel.execute("%track report --experiment review --out notes.txt");
            assertThat(wrongFile.replyContent().path("evalue").asText()).contains("it must end in .html");
        }
        assertThat(Files.readString(file)).contains(">alpha <code", ">beta <code", "data:image/png;base64,");
    }
}
