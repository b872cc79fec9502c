package org.labbook.kernel.cli;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.labbook.kernel.eval.JShellEvaluator;
import org.labbook.kernel.protocol.Channel;
import org.labbook.kernel.protocol.InProcessClient;
import org.labbook.kernel.protocol.Json;
import org.labbook.kernel.protocol.KernelLog;
import org.labbook.kernel.protocol.KernelProtocol;
import org.labbook.kernel.protocol.Message;
import org.labbook.kernel.protocol.MessageFactory;

/**
 * Runs every code cell of a notebook, in order, through {@link KernelProtocol} with an in-process client,
 * and writes the notebook with outputs and execution counts, as {@code jupyter nbconvert --execute} would.
 * Stops at the first failing cell (the notebook is still written, with that cell's error).
 */
final class NotebookRun {
    /** How long an interrupted cell may take to stop. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    /**
     * @param summary one line for a run that succeeded
     * @param failure one line naming the cell, for a run that failed
     */
    record Result(String summary, Optional<String> failure) {
    }

    private NotebookRun() {
    }

    /**
     * @param progress where one line per code cell goes as it runs ("[2/7] cell c2: Track.start(... ok, 0.4 s"),
     *                 so a long notebook shows where it is
     */
    static Result execute(Path source, Path target, Duration cellTimeout, PrintWriter progress)
            throws IOException, InterruptedException {
        KernelLog.capture();
        ObjectNode notebook = read(source);
        long started = System.nanoTime();
        InProcessClient client = new InProcessClient();
        KernelProtocol kernel = new KernelProtocol(JShellEvaluator.create(), client,
                new MessageFactory(UUID.randomUUID().toString()), restart -> { });
        client.connect(kernel);
        kernel.start();
        int ran = 0;
        Optional<String> failure = Optional.empty();
        try {
            ObjectNode info = client.request(Channel.SHELL, "kernel_info_request", Json.object(), STOP_WAIT)
                    .replyContent();
            ObjectNode metadata = notebook.with("metadata");
            metadata.set("language_info", info.get("language_info"));
            ArrayNode cells = (ArrayNode) notebook.get("cells");
            int codeCells = 0;
            for (JsonNode cell : cells) {
                codeCells += cell.path("cell_type").asText().equals("code") ? 1 : 0;
            }
            for (int i = 0; i < cells.size(); i++) {
                ObjectNode cell = (ObjectNode) cells.get(i);
                String id = ensureId(cell);
                if (!cell.path("cell_type").asText().equals("code")) {
                    continue;
                }
                ran++;
                progress.print("[" + ran + "/" + codeCells + "] cell " + id + ": " + firstLine(source(cell.get("source")))
                        + " ... ");
                progress.flush();
                long cellStarted = System.nanoTime();
                failure = runCell(client, kernel, cell, id, i + 1, cellTimeout);
                progress.printf("%s, %.1f s%n", failure.isPresent() ? "failed" : "ok",
                        (System.nanoTime() - cellStarted) / 1e9);
                progress.flush();
                if (failure.isPresent()) {
                    break;
                }
            }
        } catch (TimeoutException e) {
            failure = Optional.of("the kernel did not answer kernel_info in " + STOP_WAIT.toSeconds() + " s");
        } finally {
            kernel.close();
        }
        if (notebook.path("nbformat_minor").asInt(0) < 5) {
            notebook.put("nbformat_minor", 5);
        }
        write(notebook, target);
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Result(String.format("Ran %d code cells of %s in %.1f s; wrote %s", ran, source.getFileName(),
                seconds, target), failure);
    }

    private static Optional<String> runCell(InProcessClient client, KernelProtocol kernel, ObjectNode cell,
                                            String id, int number, Duration timeout) throws InterruptedException {
        ObjectNode content = Json.object();
        content.put("code", source(cell.get("source")));
        content.put("silent", false);
        content.put("store_history", true);
        content.putObject("user_expressions");
        content.put("allow_stdin", false);
        content.put("stop_on_error", true);
        ObjectNode metadata = Json.object();
        metadata.put("cellId", id);
        Message request = client.submit(Channel.SHELL, "execute_request", content, metadata);
        InProcessClient.Exchange exchange;
        try {
            exchange = client.await(request, timeout);
        } catch (TimeoutException e) {
            kernel.interrupt();
            try {
                exchange = client.await(request, STOP_WAIT);
            } catch (TimeoutException stuck) {
                return Optional.of("cell " + number + " (id " + id + ") ran longer than " + timeout.toSeconds()
                        + " s and did not stop when interrupted");
            }
            write(cell, exchange);
            return Optional.of("cell " + number + " (id " + id + ") ran longer than " + timeout.toSeconds()
                    + " s and was interrupted; raise --timeout if it needs longer");
        }
        write(cell, exchange);
        ObjectNode reply = exchange.replyContent();
        if (!reply.path("status").asText().equals("ok")) {
            return Optional.of("cell " + number + " (id " + id + ") failed: " + reply.path("ename").asText("Error")
                    + ": " + reply.path("evalue").asText(""));
        }
        return Optional.empty();
    }

    private static void write(ObjectNode cell, InProcessClient.Exchange exchange) {
        NotebookOutputs outputs = new NotebookOutputs();
        exchange.iopub().forEach(outputs::add);
        cell.set("outputs", outputs.toJson());
        exchange.reply().map(r -> r.content().get("execution_count")).filter(JsonNode::isInt)
                .ifPresent(count -> cell.set("execution_count", count));
    }

    /** The cell's first non-blank line, shortened: enough to recognise the cell in a progress line. */
    static String firstLine(String source) {
        String line = source.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("(empty)");
        return line.length() <= 40 ? line : line.substring(0, 39) + "…";
    }

    private static String ensureId(ObjectNode cell) {
        String id = cell.path("id").asText("");
        if (id.isEmpty()) {
            id = UUID.randomUUID().toString().substring(0, 8);
            cell.put("id", id);
        }
        return id;
    }

    private static String source(JsonNode source) {
        if (source == null || source.isNull()) {
            return "";
        }
        if (source.isArray()) {
            StringBuilder text = new StringBuilder();
            source.forEach(line -> text.append(line.asText()));
            return text.toString();
        }
        return source.asText();
    }

    private static ObjectNode read(Path source) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(Files.readAllBytes(source));
        } catch (IOException e) {
            throw CliException.usage("Cannot read " + source + " as a notebook (" + e.getClass().getSimpleName()
                    + "); pass an .ipynb file in nbformat 4.");
        }
        if (!(json instanceof ObjectNode notebook) || !notebook.path("cells").isArray()
                || notebook.path("nbformat").asInt(0) != 4) {
            throw CliException.usage(source + " is not an nbformat 4 notebook (it needs \"nbformat\": 4 and a"
                    + " \"cells\" list); save it from Jupyter 4 or newer.");
        }
        return notebook;
    }

    /** Writes as nbformat does: one-space indent, so diffs against Jupyter's own files stay small. */
    private static void write(ObjectNode notebook, Path target) throws IOException {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter(" ", "\n"))
                .withArrayIndenter(new DefaultIndenter(" ", "\n"))
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("").withArrayEmptySeparator(""));
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(target, Json.MAPPER.writer(printer).writeValueAsString(notebook) + "\n");
    }
}
