package org.labbook.context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.labbook.context.capture.GpuInfo;
import org.labbook.tracking.context.RunContext;
import org.labbook.tracking.context.RunContextProvider;

/**
 * The machine's GPUs as {@code nvidia-smi} lists them, as tags ({@code labbook.gpu.count},
 * {@code labbook.gpu.names}, {@code labbook.gpu.driver}) so runs can be searched by the hardware they
 * used. Nothing on a machine without a GPU.
 */
public final class GpuContext implements RunContextProvider {
    public static final String NAME = "gpu";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void started(RunContext run) {
        run.tags(tags(Captures.environment().gpus()));
    }

    static Map<String, String> tags(List<GpuInfo> gpus) {
        if (gpus.isEmpty()) {
            return Map.of();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("labbook.gpu.count", String.valueOf(gpus.size()));
        tags.put("labbook.gpu.names", String.join(", ", gpus.stream().map(GpuInfo::name).toList()));
        tags.put("labbook.gpu.driver", gpus.get(0).driverVersion());
        return tags;
    }
}
