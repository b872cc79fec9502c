package org.labbook.kernel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.kernel.protocol.Json;

class RunCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return LabbookCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private Path notebook(String... codeCells) throws Exception {
        ObjectNode nb = Json.object();
        nb.put("nbformat", 4);
        nb.put("nbformat_minor", 4);
        nb.putObject("metadata");
        ArrayNode cells = nb.putArray("cells");
        cells.addObject().put("cell_type", "markdown").put("id", "intro").put("source", "# Title");
        for (int i = 0; i < codeCells.length; i++) {
            ObjectNode cell = cells.addObject();
            cell.put("cell_type", "code").put("id", "c" + (i + 1)).putObject("metadata");
            cell.putArray("source").add(codeCells[i]);
            cell.putArray("outputs");
            cell.putNull("execution_count");
        }
        Path file = dir.resolve("nb.ipynb");
        Files.writeString(file, Json.MAPPER.writeValueAsString(nb));
        return file;
    }

    @Test
    void runPrintsOneProgressLinePerCodeCellOnStandardError() throws Exception {
        Path nb = notebook("int x = 1;", "x + 1", "throw new IllegalStateException(\"boom\");", "x");

        assertThat(run("run", nb.toString(), "--output", dir.resolve("out.ipynb").toString())).isEqualTo(1);

        String[] lines = err.toString().split("\n");
        assertThat(lines[0]).matches("\\[1/4\\] cell c1: int x = 1; \\.\\.\\. ok, [0-9.]+ s");
        assertThat(lines[1]).matches("\\[2/4\\] cell c2: x \\+ 1 \\.\\.\\. ok, [0-9.]+ s");
        assertThat(lines[2]).startsWith("[3/4] cell c3: throw new IllegalStateException(").contains("... failed, ");
        assertThat(err.toString()).doesNotContain("[4/4]").contains("labbook run: cell 4 (id c3) failed");
    }

    @Test
    void progressNamesACellByItsFirstLineShortened() {
        assertThat(NotebookRun.firstLine("\n  // setup\nint x;")).isEqualTo("// setup");
        assertThat(NotebookRun.firstLine("  ")).isEqualTo("(empty)");
        assertThat(NotebookRun.firstLine("x".repeat(60))).hasSize(40).endsWith("…");
    }

    @Test
    void runWritesOutputsAndExecutionCountsAndKeepsCellIds() throws Exception {
        Path nb = notebook("System.out.println(\"hi\");\nSystem.err.println(\"warn\");", "1 + 1");
        Path output = dir.resolve("out.ipynb");

        assertThat(run("run", nb.toString(), "--output", output.toString())).isZero();

        JsonNode executed = Json.MAPPER.readTree(output.toFile());
        assertThat(executed.path("nbformat_minor").asInt()).isEqualTo(5);
        assertThat(executed.path("metadata").path("language_info").path("name").asText()).isEqualTo("java");
        JsonNode first = executed.path("cells").get(1);
        assertThat(first.path("id").asText()).isEqualTo("c1");
        assertThat(first.path("execution_count").asInt()).isEqualTo(1);
        assertThat(first.path("outputs").get(0).path("output_type").asText()).isEqualTo("stream");
        assertThat(first.path("outputs").get(0).path("text").asText()).isEqualTo("hi\n");
        assertThat(first.path("outputs").get(1).path("name").asText()).isEqualTo("stderr");
        JsonNode second = executed.path("cells").get(2);
        assertThat(second.path("execution_count").asInt()).isEqualTo(2);
        assertThat(second.path("outputs").get(0).path("output_type").asText()).isEqualTo("execute_result");
        assertThat(second.path("outputs").get(0).path("data").path("text/plain").asText()).isEqualTo("2");
        assertThat(out.toString().strip()).startsWith("Ran 2 code cells of nb.ipynb").doesNotContain("\n");
    }

    @Test
    void runStopsAtTheFirstErrorAndNamesTheCell() throws Exception {
        Path nb = notebook("int x = 1;", "throw new IllegalStateException(\"broken\");", "x + 1");
        Path output = dir.resolve("failed.ipynb");

        assertThat(run("run", nb.toString(), "--output", output.toString())).isEqualTo(1);

        // Progress lines come first; the failure itself is one line of its own, the last.
        String lastLine = err.toString().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(lastLine).startsWith("labbook run: ").contains("cell 3 (id c2) failed").contains("broken");
        JsonNode executed = Json.MAPPER.readTree(output.toFile());
        assertThat(executed.path("cells").get(2).path("outputs").get(0).path("output_type").asText())
                .isEqualTo("error");
        assertThat(executed.path("cells").get(3).path("outputs").size()).isZero();
    }

    @Test
    void runOfAFileThatIsNotANotebookIsAUsageError() throws Exception {
        Path file = dir.resolve("not.ipynb");
        Files.writeString(file, "{\"hello\": 1}");

        assertThat(run("run", file.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).contains("not an nbformat 4 notebook").doesNotContain("\n");
    }
}
