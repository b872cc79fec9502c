package org.labbook.context.capture;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The machine and runtime a run used, as recorded with it.
 *
 * @param javaVersion   e.g. "17.0.15"
 * @param javaVendor    e.g. "Debian"
 * @param javaVm        VM name and version, e.g. "OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1"
 * @param os            OS name and version, e.g. "Linux 6.1.0-18-amd64"
 * @param arch          e.g. "amd64"
 * @param cpus          processors available to the JVM
 * @param maxHeapBytes  the heap limit ({@code -Xmx})
 * @param hostName      the machine's name
 * @param user          the OS user
 * @param kernelVersion Labbook's kernel version
 * @param gpus          GPUs that {@code nvidia-smi} reported; empty when none
 * @param environment   allow-listed environment variables, secrets masked, sorted by name
 * @param classpath     the jars and folders on the classpath, in order
 */
public record EnvironmentInfo(String javaVersion, String javaVendor, String javaVm, String os, String arch, int cpus,
                              long maxHeapBytes, String hostName, String user, String kernelVersion,
                              List<GpuInfo> gpus, Map<String, String> environment, List<ClasspathItem> classpath) {
    public EnvironmentInfo {
        Objects.requireNonNull(javaVersion, "javaVersion");
        gpus = List.copyOf(gpus);
        environment = java.util.Collections.unmodifiableMap(new TreeMap<>(environment));
        classpath = List.copyOf(classpath);
    }
}
