package org.labbook.extension.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Every cell a kernel session ran, in execution order, up to a moment (a run's end). Written two ways:
 * as an nbformat 4.5 notebook that Jupyter opens and {@code labbook reproduce} runs again (outputs included,
 * stderr too), and as the structured cell records. Both are deterministic: the same cells give the same bytes.
 *
 * @param sessionId     the kernel session's id
 * @param kernelVersion the kernel's version
 * @param cells         the cell records in execution order
 */
public record SessionSnapshot(String sessionId, String kernelVersion, List<CellRecord> cells) {

    /** The format name in the records document, for readers of older or newer files. */
    public static final String RECORDS_FORMAT = "labbook.session/1";

    public SessionSnapshot {
        Objects.requireNonNull(sessionId, "sessionId");
        kernelVersion = kernelVersion == null ? "" : kernelVersion;
        cells = List.copyOf(cells);
    }

    /**
     * The notebook, with binary outputs as references (their bytes are stored once, as blobs): each such
     * output shows a line of text naming the blob, and its metadata holds the blob's hash.
     */
    public byte[] notebook() {
        return notebook(ref -> Optional.empty());
    }

    /** The notebook with binary outputs filled in from {@code blobs} where it has them, for export. */
    public byte[] notebook(Function<BlobRef, Optional<byte[]>> blobs) {
        ObjectNode notebook = SnapshotJson.NODES.objectNode();
        ArrayNode cellNodes = notebook.putArray("cells");
        Set<String> usedIds = new HashSet<>();
        for (CellRecord cell : cells) {
            // Aborted cells never ran: running them again would not reproduce this session.
            if (cell.outcome().kind() != Outcome.Kind.ABORTED) {
                cellNodes.add(codeCell(cell, uniqueId(cell.cellId(), usedIds), blobs));
            }
        }
        ObjectNode metadata = notebook.putObject("metadata");
        metadata.putObject("kernelspec").put("display_name", "Java (Labbook)").put("language", "java")
                .put("name", "labbook");
        metadata.putObject("language_info").put("name", "java").put("file_extension", ".java")
                .put("mimetype", "text/x-java-source").put("codemirror_mode", "text/x-java")
                .put("pygments_lexer", "java");
        metadata.putObject("labbook").put("sessionId", sessionId).put("kernelVersion", kernelVersion)
                .put("cellCount", cells.size());
        notebook.put("nbformat", 4);
        notebook.put("nbformat_minor", 5);
        return SnapshotJson.bytes(notebook);
    }

    /** The structured records of every cell, aborted ones included. */
    public byte[] records() {
        ObjectNode root = SnapshotJson.NODES.objectNode();
        root.put("format", RECORDS_FORMAT);
        root.put("sessionId", sessionId);
        root.put("kernelVersion", kernelVersion);
        ArrayNode array = root.putArray("cells");
        cells.forEach(cell -> array.add(SnapshotJson.cell(cell)));
        return SnapshotJson.bytes(root);
    }

    /** Reads what {@link #records()} wrote. */
    public static SessionSnapshot readRecords(byte[] json) {
        JsonNode root = SnapshotJson.parse(json);
        if (!RECORDS_FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("not a Labbook session record (format '" + root.path("format").asText()
                    + "', expected '" + RECORDS_FORMAT + "')");
        }
        List<CellRecord> cells = new ArrayList<>();
        root.path("cells").forEach(cell -> cells.add(SnapshotJson.cell(cell)));
        return new SessionSnapshot(root.path("sessionId").asText(), root.path("kernelVersion").asText(), cells);
    }

    /** Cell records as JSON Lines, one compact record per line, for attaching cells a few at a time. */
    public static byte[] cellLines(List<CellRecord> cells) {
        return SnapshotJson.lines(cells.stream().map(SnapshotJson::cell).toList());
    }

    /** Reads what {@link #cellLines} wrote. */
    public static List<CellRecord> readCellLines(byte[] jsonLines) {
        return SnapshotJson.parseLines(jsonLines).stream().map(SnapshotJson::cell).toList();
    }

    /** Every blob the cells' outputs refer to, each once. */
    public List<BlobRef> blobs() {
        return cells.stream().flatMap(cell -> cell.blobs().stream()).distinct().toList();
    }

    /** The snapshot up to and including the cell with the given position, e.g. for a run that ended then. */
    public SessionSnapshot firstCells(int count) {
        return new SessionSnapshot(sessionId, kernelVersion, cells.subList(0, Math.min(count, cells.size())));
    }

    private static ObjectNode codeCell(CellRecord cell, String id, Function<BlobRef, Optional<byte[]>> blobs) {
        ObjectNode node = SnapshotJson.NODES.objectNode();
        node.put("cell_type", "code");
        node.put("id", id);
        if (cell.silent()) {
            node.putNull("execution_count");
        } else {
            node.put("execution_count", cell.executionCount());
        }
        ObjectNode labbook = node.putObject("metadata").putObject("labbook");
        labbook.put("cellId", cell.cellId());
        labbook.put("start", cell.start().toString());
        labbook.put("durationMs", cell.duration().toNanos() / 1_000_000.0);
        labbook.put("outcome", cell.outcome().summary());
        if (cell.silent()) {
            labbook.put("silent", true);
        }
        node.set("source", SnapshotJson.lines(cell.source()));
        ArrayNode outputs = node.putArray("outputs");
        stream(outputs, "stdout", cell.stdout());
        stream(outputs, "stderr", cell.stderr());
        for (OutputBundle display : cell.displays()) {
            outputs.add(bundleOutput("display_data", display, blobs));
        }
        cell.result().ifPresent(result -> {
            ObjectNode output = bundleOutput("execute_result", result, blobs);
            if (cell.silent()) {
                output.putNull("execution_count");
            } else {
                output.put("execution_count", cell.executionCount());
            }
            outputs.add(output);
        });
        Outcome outcome = cell.outcome();
        if (outcome.kind() == Outcome.Kind.ERROR || outcome.kind() == Outcome.Kind.INTERRUPTED) {
            ObjectNode error = outputs.addObject();
            error.put("output_type", "error");
            boolean interrupted = outcome.kind() == Outcome.Kind.INTERRUPTED;
            error.put("ename", interrupted ? "Interrupted" : outcome.ename());
            error.put("evalue", interrupted ? "The cell was interrupted." : outcome.evalue());
            ArrayNode traceback = error.putArray("traceback");
            outcome.traceback().forEach(traceback::add);
        }
        return node;
    }

    private static void stream(ArrayNode outputs, String name, String text) {
        if (!text.isEmpty()) {
            outputs.addObject().put("output_type", "stream").put("name", name).set("text", SnapshotJson.lines(text));
        }
    }

    private static ObjectNode bundleOutput(String type, OutputBundle bundle, Function<BlobRef, Optional<byte[]>> blobs) {
        ObjectNode output = SnapshotJson.NODES.objectNode();
        output.put("output_type", type);
        ObjectNode data = output.putObject("data");
        bundle.data().forEach((mime, value) -> {
            if (value instanceof String text && !isJson(mime)) {
                data.set(mime, SnapshotJson.lines(text));
            } else {
                data.set(mime, SnapshotJson.tree(value));
            }
        });
        ObjectNode metadata = (ObjectNode) SnapshotJson.tree(bundle.metadata());
        ObjectNode references = SnapshotJson.NODES.objectNode();
        for (Map.Entry<String, BlobRef> entry : bundle.blobs().entrySet()) {
            BlobRef ref = entry.getValue();
            Optional<byte[]> bytes = blobs.apply(ref);
            if (bytes.isPresent()) {
                data.put(entry.getKey(), Base64.getEncoder().encodeToString(bytes.get()));
            } else {
                references.putObject(entry.getKey()).put("sha256", ref.sha256()).put("size", ref.size())
                        .put("artifact", ref.artifactName());
                if (!data.has("text/plain")) {
                    data.set("text/plain", SnapshotJson.lines("[" + ref.mime() + ", " + ref.size()
                            + " bytes, kept as " + ref.artifactName() + "]"));
                }
            }
        }
        if (!references.isEmpty()) {
            ObjectNode labbook = metadata.has("labbook") && metadata.get("labbook").isObject()
                    ? (ObjectNode) metadata.get("labbook") : metadata.putObject("labbook");
            labbook.set("blobs", references);
        }
        output.set("metadata", metadata);
        return output;
    }

    private static boolean isJson(String mime) {
        return mime.equals("application/json") || mime.endsWith("+json");
    }

    /** nbformat requires unique ids; a cell run three times appears three times, as id, id-2, id-3. */
    private static String uniqueId(String cellId, Set<String> used) {
        String base = CellIds.nbformatId(cellId);
        String id = base;
        for (int n = 2; !used.add(id); n++) {
            String suffix = "-" + n;
            id = (base.length() + suffix.length() > 64 ? base.substring(0, 64 - suffix.length()) : base) + suffix;
        }
        return id;
    }
}
