package org.labbook.extension.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.kernel.api.CellEnd;
import org.labbook.kernel.api.CellOutcome;
import org.labbook.kernel.api.MimeBundle;

class SessionSnapshotTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 9, 9};

    @TempDir
    Path dir;

    private final CellRecordBuilder builder = CellRecordBuilder.standard();

    private CellRecord record(CellEnd end) {
        return builder.build(end, StateChanges.none()).record();
    }

    private SessionSnapshot session() {
        return new SessionSnapshot("session-1", "0.1.0", List.of(
                record(Cells.end(1, Optional.of("prelude"), "var data = load();\nint n = 3;", new CellOutcome.Ok(),
                        "loaded 10 rows\n", "WARNING: slow disk\n", List.of(), Optional.empty())),
                record(Cells.end(2, Optional.of("plot"), "plot(data)", new CellOutcome.Ok(), "", "",
                        List.of(Cells.png(PNG), MimeBundle.of(Map.of("application/json", Map.of("k", 1)))),
                        Optional.of(MimeBundle.text("Chart[1]")))),
                record(Cells.end(3, Optional.of("plot"), "plot(data)", new CellOutcome.Error("CompileError",
                        "cannot find symbol", List.of("plot(dat)", "     ^")), "", "", List.of(), Optional.empty())),
                record(Cells.end(4, Optional.empty(), "never()", new CellOutcome.Aborted(), "", "", List.of(),
                        Optional.empty())),
                record(Cells.end(5, Optional.of("x y/z!"), "while (true) {}", new CellOutcome.Interrupted(), "", "",
                        List.of(), Optional.empty()))));
    }

    @Test
    void notebookIsNbformat45WithEveryKindOfOutputAndUniqueValidIds() {
        JsonNode notebook = SnapshotJson.parse(session().notebook());
        assertThat(notebook.path("nbformat").asInt()).isEqualTo(4);
        assertThat(notebook.path("nbformat_minor").asInt()).isEqualTo(5);
        assertThat(notebook.at("/metadata/kernelspec/name").asText()).isEqualTo("labbook");
        JsonNode cells = notebook.path("cells");
        assertThat(cells).hasSize(4); // the aborted cell never ran
        Set<String> ids = new HashSet<>();
        cells.forEach(cell -> {
            assertThat(cell.path("cell_type").asText()).isEqualTo("code");
            assertThat(cell.path("id").asText()).matches("[a-zA-Z0-9_-]{1,64}");
            ids.add(cell.path("id").asText());
        });
        assertThat(ids).containsExactlyInAnyOrder("prelude", "plot", "plot-2", "x-y-z-");

        JsonNode prelude = cells.get(0);
        assertThat(prelude.path("source").get(0).asText()).isEqualTo("var data = load();\n");
        assertThat(prelude.path("execution_count").asInt()).isEqualTo(1);
        assertThat(prelude.path("outputs").findValuesAsText("name")).containsExactly("stdout", "stderr");
        assertThat(SnapshotJson.joined(prelude.path("outputs").get(1).path("text"))).isEqualTo("WARNING: slow disk\n");

        JsonNode plot = cells.get(1).path("outputs");
        assertThat(plot.findValuesAsText("output_type")).containsExactly("display_data", "display_data", "execute_result");
        assertThat(plot.get(0).at("/metadata/labbook/blobs/image~1png/size").asInt()).isEqualTo(PNG.length);
        assertThat(plot.get(1).at("/data/application~1json/k").asInt()).isEqualTo(1);
        assertThat(plot.get(2).path("execution_count").asInt()).isEqualTo(2);

        JsonNode error = cells.get(2).path("outputs").get(0);
        assertThat(error.path("output_type").asText()).isEqualTo("error");
        assertThat(error.path("ename").asText()).isEqualTo("CompileError");
        assertThat(cells.get(3).path("outputs").get(0).path("ename").asText()).isEqualTo("Interrupted");
    }

    @Test
    void notebookPassesJupytersOwnValidator() throws Exception {
        Path file = Files.write(dir.resolve("session.ipynb"), session().notebook());
        Process python = new ProcessBuilder("/usr/bin/python3", "-c",
                "import sys, nbformat; nb = nbformat.read(sys.argv[1], as_version=4); nbformat.validate(nb); print('valid')",
                file.toString()).redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes());
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output.strip()).isEqualTo("valid");
    }

    @Test
    void identicalContentGivesIdenticalBytes() {
        assertThat(session().notebook()).isEqualTo(session().notebook());
        assertThat(session().records()).isEqualTo(session().records());
        assertThat(new String(session().notebook())).startsWith("{\n \"cells\": [").endsWith("}\n");
    }

    @Test
    void recordsReadBackToEqualCells() {
        SessionSnapshot original = session();
        SessionSnapshot read = SessionSnapshot.readRecords(original.records());
        assertThat(read).isEqualTo(original);
        assertThat(read.cells()).hasSize(5);
        assertThat(read.blobs()).hasSize(1);
    }

    @Test
    void exportFillsInImagesFromTheirBlobs() {
        byte[] exported = session().notebook(ref -> Optional.of(PNG));
        JsonNode display = SnapshotJson.parse(exported).at("/cells/1/outputs/0");
        assertThat(Base64.getDecoder().decode(display.at("/data/image~1png").asText())).isEqualTo(PNG);
        assertThat(display.at("/metadata/labbook").isMissingNode()).isTrue();
    }

    @Test
    void somethingElseThanSessionRecordsIsRejectedWithItsFormat() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SessionSnapshot.readRecords("{\"format\":\"x\"}".getBytes()))
                .hasMessageContaining("format 'x'");
    }

    @Test
    void thousandCellSessionIsWritten() {
        List<CellRecord> cells = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            cells.add(record(Cells.ok(i, "double loss" + i + " = train(" + i + ");", "epoch " + i + " loss=0.1\n")));
        }
        SessionSnapshot snapshot = new SessionSnapshot("s", "0.1.0", cells);
        assertThat(SnapshotJson.parse(snapshot.notebook()).path("cells")).hasSize(1000);
        assertThat(SessionSnapshot.readRecords(snapshot.records()).cells()).hasSize(1000);
    }
}
