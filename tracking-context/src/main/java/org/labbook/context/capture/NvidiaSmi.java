package org.labbook.context.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Asks {@code nvidia-smi} which GPUs the machine has. A machine without a GPU has no such program, or one
 * that fails because no driver answers: both mean "no GPU", never an error.
 */
public final class NvidiaSmi {

    /** The columns asked for; the answer is parsed by its header, so their order does not matter. */
    static final String QUERY = "index,name,uuid,driver_version,memory.total";

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final String command;

    private NvidiaSmi(String command) {
        this.command = command;
    }

    /** {@code nvidia-smi} found on the PATH. */
    public static NvidiaSmi onPath() {
        return new NvidiaSmi("nvidia-smi");
    }

    /** A specific executable, e.g. a script that prints a recorded answer. */
    public static NvidiaSmi at(Path executable) {
        return new NvidiaSmi(executable.toString());
    }

    /** The GPUs, or an empty list when the program is missing, fails, or takes longer than a few seconds. */
    public List<GpuInfo> gpus() {
        return query(QUERY).map(NvidiaSmi::parse).orElse(List.of());
    }

    /**
     * The answer to {@code --query-gpu=COLUMNS --format=csv} (a header, then a line per GPU), or empty when
     * the program is missing, fails, or takes longer than a few seconds.
     */
    public Optional<String> query(String columns) {
        Process process;
        try {
            process = new ProcessBuilder(command, "--query-gpu=" + columns, "--format=csv")
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty(); // not installed
        }
        try (InputStream in = process.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return process.exitValue() == 0 ? Optional.of(out.toString(StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            process.destroyForcibly();
            return Optional.empty();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Parses {@code --format=csv} output: a header such as {@code index, name, memory.total [MiB]} and one
     * line per GPU. Columns are found by name, units in brackets ignored; unknown columns are skipped.
     */
    static List<GpuInfo> parse(String csv) {
        List<String> lines = csv.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        if (lines.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> columns = new HashMap<>();
        List<String> header = split(lines.get(0));
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i).replaceAll("\\s*\\[.*]$", "").strip(), i);
        }
        if (!columns.containsKey("name")) {
            return List.of(); // not the answer to our query, e.g. an error message
        }
        List<GpuInfo> gpus = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = split(line);
            String name = cell(cells, columns, "name");
            if (name.isEmpty()) {
                continue;
            }
            String index = cell(cells, columns, "index");
            gpus.add(new GpuInfo(index.matches("\\d+") ? Integer.parseInt(index) : gpus.size(), name,
                    cell(cells, columns, "memory.total"), cell(cells, columns, "driver_version"),
                    cell(cells, columns, "uuid")));
        }
        return List.copyOf(gpus);
    }

    /**
     * The GPUs' rows of a {@code --format=csv} answer, each by column name (units in brackets dropped from
     * the header, values as printed); empty when the answer has no header line.
     */
    public static List<Map<String, String>> rows(String csv) {
        List<String> lines = csv.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        if (lines.isEmpty()) {
            return List.of();
        }
        List<String> header = split(lines.get(0)).stream().map(h -> h.replaceAll("\\s*\\[.*]$", "").strip()).toList();
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = split(line);
            Map<String, String> row = new java.util.LinkedHashMap<>();
            for (int i = 0; i < header.size() && i < cells.size(); i++) {
                row.put(header.get(i), cells.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    /** nvidia-smi separates with ", " and never quotes; GPU names do not contain commas. */
    private static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        for (String cell : line.split(",")) {
            cells.add(cell.strip());
        }
        return cells;
    }

    private static String cell(List<String> cells, Map<String, Integer> columns, String column) {
        Integer index = columns.get(column);
        return index == null || index >= cells.size() ? "" : cells.get(index);
    }
}
