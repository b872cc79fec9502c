package org.labbook.context.capture;

import java.util.Objects;

/**
 * One GPU as {@code nvidia-smi} reports it.
 *
 * @param index         the device index CUDA numbers it by
 * @param name          e.g. "NVIDIA H200"
 * @param memoryTotal   total memory as printed, e.g. "143771 MiB"
 * @param driverVersion e.g. "580.159.04"
 * @param uuid          the device's UUID, or "" when not reported
 */
public record GpuInfo(int index, String name, String memoryTotal, String driverVersion, String uuid) {
    public GpuInfo {
        Objects.requireNonNull(name, "name");
        memoryTotal = memoryTotal == null ? "" : memoryTotal;
        driverVersion = driverVersion == null ? "" : driverVersion;
        uuid = uuid == null ? "" : uuid;
    }
}
