package org.labbook.context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.labbook.context.capture.NvidiaSmi;
import org.labbook.tracking.context.SystemMetricsSource;

/**
 * Per GPU, at every system metrics tick: utilisation, memory used, temperature and power, from
 * {@code nvidia-smi --query-gpu}. On a machine without a GPU the first failed call is remembered and the
 * program is not started again, so sampling stays cheap.
 */
public final class GpuMetrics implements SystemMetricsSource {
    static final String QUERY = "index,utilization.gpu,memory.used,temperature.gpu,power.draw";

    private final NvidiaSmi nvidiaSmi;
    private volatile boolean absent;

    public GpuMetrics() {
        this(Captures.nvidiaSmi());
    }

    public GpuMetrics(NvidiaSmi nvidiaSmi) {
        this.nvidiaSmi = nvidiaSmi;
    }

    @Override
    public String name() {
        return GpuContext.NAME;
    }

    @Override
    public Map<String, Double> sample() {
        if (absent) {
            return Map.of();
        }
        Optional<String> answer = nvidiaSmi.query(QUERY);
        if (answer.isEmpty()) {
            absent = true;
            return Map.of();
        }
        return metrics(answer.get());
    }

    /**
     * {@code system/gpu.N.utilization} (%), {@code .memory_used_mb}, {@code .temperature_c},
     * {@code .power_w} for each GPU of a {@code --format=csv} answer; values the GPU reports as
     * {@code [N/A]} or {@code [Not Supported]} are left out.
     */
    public static Map<String, Double> metrics(String csv) {
        Map<String, Double> values = new LinkedHashMap<>();
        List<Map<String, String>> rows = NvidiaSmi.rows(csv);
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            String index = row.getOrDefault("index", "").matches("\\d+") ? row.get("index") : String.valueOf(i);
            String prefix = "system/gpu." + index + ".";
            put(values, prefix + "utilization", row.get("utilization.gpu"));
            put(values, prefix + "memory_used_mb", row.get("memory.used"));
            put(values, prefix + "temperature_c", row.get("temperature.gpu"));
            put(values, prefix + "power_w", row.get("power.draw"));
        }
        return values;
    }

    /** "143771 MiB", "0 %", "126.15 W", "36" → the number; "[N/A]" → nothing. */
    private static void put(Map<String, Double> values, String key, String cell) {
        if (cell == null) {
            return;
        }
        String number = cell.replaceAll("\\s*(MiB|%|W|C)$", "").strip();
        try {
            double value = Double.parseDouble(number);
            if (Double.isFinite(value)) {
                values.put(key, value);
            }
        } catch (NumberFormatException e) {
            // "[N/A]", "[Not Supported]": this GPU does not report it.
        }
    }
}
