package org.labbook.extension.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.labbook.kernel.api.MimeBundle;
import org.labbook.magics.BestRun;
import org.labbook.magics.RunComparison;
import org.labbook.magics.RunTable;
import org.labbook.magics.grammar.TrackCommand;
import org.labbook.tracking.MetricPoint;
import org.labbook.tracking.MetricSummary;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.RunInfo;
import org.labbook.tracking.RunSource;
import org.labbook.tracking.RunStatus;

class ViewsTest {

    private static RunDetails run(String id, String name, RunStatus status, String lr, double loss) {
        RunInfo info = new RunInfo(id, name, "exp1", "mnist", status, Fixtures.T0, Fixtures.T0.plusSeconds(60), "ada",
                null, RunSource.none(), Fixtures.T0.plusSeconds(60), false);
        return new RunDetails(info, Map.of("lr", lr, "epochs", "5"), Map.of(),
                Map.of("loss", new MetricSummary("loss", loss, 99, 0, loss, 2.0, 100)));
    }

    private static List<RunDetails> runs() {
        return List.of(run("aaaaaaaa1111", "small", RunStatus.FINISHED, "0.001", 0.3),
                run("bbbbbbbb2222", "big", RunStatus.CRASHED, "0.1", 0.9),
                run("cccccccc3333", "mid", RunStatus.FINISHED, "0.01", 0.2));
    }

    @Test
    void runsTableRendersAsHtmlWithTheTitleAndKeepsTheirPlainText() {
        RunTable table = RunTable.of("Runs of experiment 'mnist'", runs(), true);

        MimeBundle bundle = Views.runs(table).toMimeBundle();

        String html = (String) bundle.data().get("text/html");
        assertThat(html).contains("Runs of experiment &#39;mnist&#39; (3 runs)").contains("lb-status-crashed")
                .contains("More runs match");
        assertThat(bundle.plainText()).isEqualTo(table.text());
    }

    @Test
    void comparisonShowsTheTableAndOneImagePerMetricPlusSweepViews() throws Exception {
        Map<String, List<MetricPoint>> loss = new LinkedHashMap<>();
        for (RunDetails r : runs()) {
            List<MetricPoint> points = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                points.add(new MetricPoint("loss", 2.0 / (i + 1) + r.metrics().get("loss").latest(), i, 1000L * i));
            }
            loss.put(r.id(), points);
        }
        RunComparison comparison = new RunComparison(RunTable.of("t", runs(), false), List.of("loss"),
                TrackCommand.XAxis.STEP, Map.of("loss", loss));

        MimeBundle bundle = Views.compare(comparison).toMimeBundle();

        String html = (String) bundle.data().get("text/html");
        assertThat(html).contains("<th class=\"lb-param lb-diff\"").contains("1 param with the same value in every run");
        Matcher images = Pattern.compile("<img class=\"lb-chart\" alt=\"([^\"]*)\" src=\"data:image/png;base64,([^\"]+)\"").matcher(html);
        List<String> titles = new ArrayList<>();
        while (images.find()) {
            titles.add(images.group(1));
            assertThat(Images.greyVariance(Images.decodeBase64Png(images.group(2)))).isGreaterThan(100);
        }
        assertThat(titles).containsExactly("loss", "params \u2192 loss", "loss by lr");
        assertThat(bundle.plainText()).isEqualTo(comparison.text());
    }

    @Test
    void bestRunNamesTheWinnerAndMarksItInTheRanking() {
        List<RunDetails> ranked = List.of(runs().get(2), runs().get(0), runs().get(1));
        BestRun best = new BestRun("loss", TrackCommand.Goal.MIN, ranked.get(0), RunTable.of("ranking", ranked, false));

        String html = (String) Views.best(best).toMimeBundle().data().get("text/html");

        assertThat(html).contains("Best run by lowest loss: <b>mid</b> <code>cccccccc</code> with loss = <b>0.2</b>");
        assertThat(html).contains("<tr class=\"lb-run\" data-run=\"cccccccc3333\">");
        assertThat(html.substring(html.indexOf("data-run=\"cccccccc3333\""))).contains("\u2605 0.2");
    }
}
