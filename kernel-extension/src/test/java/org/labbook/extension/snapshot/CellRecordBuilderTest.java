package org.labbook.extension.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.labbook.kernel.api.CellEnd;
import org.labbook.kernel.api.CellOutcome;
import org.labbook.kernel.api.MimeBundle;
import org.labbook.kernel.api.OmittedOutput;

class CellRecordBuilderTest {

    private final CellRecordBuilder builder = CellRecordBuilder.standard();

    @Test
    void okCellKeepsItsTextsCountDurationAndFrontEndId() {
        CellEnd end = Cells.end(3, Optional.of("a1b2"), "int x = 1;", new CellOutcome.Ok(), "out\n", "warn\n",
                List.of(), Optional.of(MimeBundle.text("1")));
        CellRecord record = builder.build(end, StateChanges.none()).record();
        assertThat(record.cellId()).isEqualTo("a1b2");
        assertThat(record.executionCount()).isEqualTo(3);
        assertThat(record.source()).isEqualTo("int x = 1;");
        assertThat(record.start()).isEqualTo(end.cell().start());
        assertThat(record.duration()).isEqualTo(Duration.ofMillis(250));
        assertThat(record.outcome()).isEqualTo(Outcome.ok());
        assertThat(record.stdout()).isEqualTo("out\n");
        assertThat(record.stderr()).isEqualTo("warn\n");
        assertThat(record.result()).map(OutputBundle::plainText).contains("1");
    }

    @Test
    void cellWithoutFrontEndIdIsNamedByItsCountAndSourceHash() {
        CellRecord a = builder.build(Cells.end(7, Optional.empty(), "a", new CellOutcome.Ok(), "", "", List.of(),
                Optional.empty()), StateChanges.none()).record();
        CellRecord b = builder.build(Cells.end(7, Optional.empty(), "b", new CellOutcome.Ok(), "", "", List.of(),
                Optional.empty()), StateChanges.none()).record();
        assertThat(a.cellId()).matches("7-[0-9a-f]{12}");
        assertThat(a.cellId()).isNotEqualTo(b.cellId());
    }

    @Test
    void failedInterruptedAndAbortedCellsKeepHowTheyEnded() {
        CellRecord failed = builder.build(Cells.end(1, Optional.empty(), "x", new CellOutcome.Error(
                "java.lang.IllegalStateException", "bad lr", List.of("at cell(1)")), "", "", List.of(),
                Optional.empty()), StateChanges.none()).record();
        assertThat(failed.outcome().summary()).isEqualTo("error: java.lang.IllegalStateException: bad lr");
        assertThat(failed.outcome().traceback()).containsExactly("at cell(1)");
        assertThat(builder.build(Cells.end(2, Optional.empty(), "y", new CellOutcome.Interrupted(), "", "", List.of(),
                Optional.empty()), StateChanges.none()).record().outcome().summary()).isEqualTo("interrupted");
        assertThat(builder.build(Cells.end(3, Optional.empty(), "z", new CellOutcome.Aborted(), "", "", List.of(),
                Optional.empty()), StateChanges.none()).record().outcome().summary()).isEqualTo("aborted");
    }

    @Test
    void hugeOutputKeepsItsHeadAndTailAroundAVisibleMarker() {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            log.append("step ").append(i).append('\n');
        }
        CellRecord record = builder.build(Cells.ok(1, "train()", log.toString()), StateChanges.none()).record();
        assertThat(record.stdout()).hasSizeLessThan(64 * 1024 + 100)
                .startsWith("step 0\n").endsWith("step 99999\n").contains("characters cut by Labbook");
    }

    @Test
    void oneMegabyteCellAndBinaryGarbageAreRecordedAsValidText() {
        String source = "// " + "x".repeat(2 * 1024 * 1024);
        String garbage = "ok \uD800 \uDC00 \0 end" + new String(new char[] {'\uDBFF'});
        CellRecord record = builder.build(Cells.ok(1, source, garbage), StateChanges.none()).record();
        assertThat(record.source()).hasSizeLessThan(1024 * 1024 + 100).contains("characters cut by Labbook");
        assertThat(record.stdout()).isEqualTo("ok \uFFFD \uFFFD \uFFFD end\uFFFD");
        byte[] notebook = new SessionSnapshot("s", "0.1.0", List.of(record)).notebook();
        assertThat(SnapshotJson.parse(notebook).path("cells").get(0).path("outputs").get(0).path("text").get(0).asText())
                .isEqualTo("ok \uFFFD \uFFFD \uFFFD end\uFFFD");
    }

    @Test
    void imagesBecomeReferencesToBlobsStoredOnce() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        CellEnd end = Cells.end(1, Optional.empty(), "plot()", new CellOutcome.Ok(), "", "",
                List.of(Cells.png(png), Cells.png(png)), Optional.empty());
        BuiltCell built = builder.build(end, StateChanges.none());
        OutputBundle display = built.record().displays().get(0);
        assertThat(display.data()).containsOnlyKeys("text/plain");
        assertThat(display.blobs().get("image/png").size()).isEqualTo(7);
        assertThat(built.blobs()).hasSize(1);
        assertThat(built.blobs().values().iterator().next()).isEqualTo(png);
        assertThat(built.record().blobs()).hasSize(2).allMatch(ref -> ref.sha256().equals(display.blobs().get("image/png").sha256()));
    }

    @Test
    void secretsInSourceOutputsAndVariablesAreRedacted() {
        CellEnd end = Cells.end(1, Optional.empty(), "String apiKey = \"live-42-xyz\";", new CellOutcome.Ok(),
                "token ghp_16C7e42F292c6912E7710c838347Ae178B4a\n", "password=hunter2\n", List.of(),
                Optional.of(MimeBundle.text("AKIAIOSFODNN7EXAMPLE")));
        StateChanges changes = new StateChanges(List.of(new VariableRecord("apiKey", "String", "\"live-42-xyz\""),
                new VariableRecord("url", "String", "\"https://u:pw9@h/x\"")), List.of(), List.of(), List.of(), List.of());
        CellRecord record = builder.build(end, changes).record();
        String json = new String(new SessionSnapshot("s", "", List.of(record)).records());
        assertThat(json).doesNotContain("live-42-xyz", "ghp_16C7", "hunter2", "AKIAIOSFODNN7EXAMPLE", "pw9");
        assertThat(record.state().variables()).extracting(VariableRecord::summary)
                .containsExactly("[redacted]", "\"https://u:[redacted]@h/x\"");
    }

    @Test
    void hundredsOfLiveChartUpdatesKeepTheFirstAndTheLast() {
        List<MimeBundle> displays = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            displays.add(MimeBundle.text("frame " + i));
        }
        CellRecord record = builder.build(Cells.end(1, Optional.empty(), "live()", new CellOutcome.Ok(), "", "",
                displays, Optional.empty()), StateChanges.none()).record();
        assertThat(record.displays()).hasSize(51);
        assertThat(record.displays().get(0).plainText()).isEqualTo("frame 0");
        assertThat(record.displays().get(25).plainText()).contains("450 displays cut");
        assertThat(record.displays().get(50).plainText()).isEqualTo("frame 499");
    }

    @Test
    void whatTheKernelAlreadyLeftOutCountsInTheRecordsMarkers() {
        String head = "h".repeat(100_000);
        String tail = "t".repeat(100_000);
        String kept = head + OmittedOutput.textMarker(5_000_000) + tail;
        List<MimeBundle> displays = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            displays.add(MimeBundle.text("frame " + i));
        }
        displays.add(OmittedOutput.displaysNote(1000));
        for (int i = 1050; i < 1100; i++) {
            displays.add(MimeBundle.text("frame " + i));
        }
        CellRecord record = builder.build(Cells.end(1, Optional.empty(), "live()", new CellOutcome.Ok(), kept, "",
                displays, Optional.empty()), StateChanges.none()).record();

        long recorded = 64 * 1024;
        assertThat(record.stdout()).contains(TextCap.marker(5_000_000L + head.length() + tail.length() - recorded));
        assertThat(record.displays().get(25).plainText()).contains("1050 displays cut");
        assertThat(record.displays().get(50).plainText()).isEqualTo("frame 1099");
    }

    @Test
    void jsonOutputsStayTreesUnlessTooLarge() {
        MimeBundle small = MimeBundle.of(Map.of("application/json", Map.of("b", List.of(1, 2), "a", true)));
        MimeBundle huge = MimeBundle.of(Map.of("application/json", Map.of("values",
                java.util.Collections.nCopies(1_000_000, 1.5))));
        CellRecord record = builder.build(Cells.end(1, Optional.empty(), "x", new CellOutcome.Ok(), "", "",
                List.of(small, huge), Optional.empty()), StateChanges.none()).record();
        assertThat(record.displays().get(0).data().get("application/json")).isEqualTo(Map.of("a", true, "b", List.of(1, 2)));
        assertThat(record.displays().get(1).data().get("application/json")).asString().contains("cut by Labbook");
    }
}
