package org.labbook.tracking;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads how the process and the machine are doing, from the JVM's management beans and, on Linux, from
 * {@code /proc}. What the OS does not tell (no {@code /proc} on macOS or Windows) is left out, never
 * reported as zero. Not thread-safe: the sampler's thread owns it, since CPU load is a difference between
 * two readings.
 */
final class SystemProbe {
    private static final double MB = 1024.0 * 1024.0;
    private static final Path PROC_STATUS = Path.of("/proc/self/status");
    private static final Path PROC_IO = Path.of("/proc/self/io");
    private static final Path PROC_NET = Path.of("/proc/net/dev");

    private final java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final int cpus = Runtime.getRuntime().availableProcessors();
    private long lastCpuNanos = -1;
    private long lastWallNanos;

    /** Every value the system tells now, by metric key. */
    Map<String, Double> sample() {
        Map<String, Double> values = new LinkedHashMap<>();
        long wall = System.nanoTime();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            long cpu = sun.getProcessCpuTime();
            if (cpu >= 0 && lastCpuNanos >= 0 && wall > lastWallNanos) {
                // Percent of the whole machine, as MLflow and W&B show it: 100 means every core busy.
                values.put("system/cpu", clampPercent(100.0 * (cpu - lastCpuNanos) / (double) (wall - lastWallNanos) / cpus));
            }
            if (cpu >= 0) {
                lastCpuNanos = cpu;
                lastWallNanos = wall;
            }
            double machine = sun.getCpuLoad();
            if (machine >= 0) {
                values.put("system/cpu.machine", clampPercent(100.0 * machine));
            }
            long total = sun.getTotalMemorySize();
            long free = sun.getFreeMemorySize();
            if (total > 0 && free >= 0) {
                values.put("system/memory.machine_used_mb", (total - free) / MB);
            }
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        values.put("system/heap.used_mb", heap.getUsed() / MB);
        values.put("system/heap.committed_mb", heap.getCommitted() / MB);
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean collector : collectors) {
            gcCount += Math.max(0, collector.getCollectionCount());
            gcMillis += Math.max(0, collector.getCollectionTime());
        }
        values.put("system/gc.count", (double) gcCount);
        values.put("system/gc.time_ms", (double) gcMillis);
        values.put("system/threads", (double) ManagementFactory.getThreadMXBean().getThreadCount());
        procStatusKb("VmRSS").ifPresent(kb -> values.put("system/memory.rss_mb", kb / 1024.0));
        Map<String, Long> io = keyValues(PROC_IO);
        if (io.containsKey("read_bytes") && io.containsKey("write_bytes")) {
            values.put("system/disk.read_mb", io.get("read_bytes") / MB);
            values.put("system/disk.write_mb", io.get("write_bytes") / MB);
        }
        long[] network = networkBytes();
        if (network != null) {
            values.put("system/network.received_mb", network[0] / MB);
            values.put("system/network.sent_mb", network[1] / MB);
        }
        return values;
    }

    private static double clampPercent(double value) {
        return Math.max(0, Math.min(100, value));
    }

    private static java.util.OptionalLong procStatusKb(String field) {
        try {
            for (String line : Files.readAllLines(PROC_STATUS)) {
                if (line.startsWith(field + ":")) {
                    String number = line.substring(field.length() + 1).replace("kB", "").strip();
                    return java.util.OptionalLong.of(Long.parseLong(number));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc not mounted: the value is not known.
        }
        return java.util.OptionalLong.empty();
    }

    /** {@code name: number} lines, as in {@code /proc/self/io}. */
    private static Map<String, Long> keyValues(Path file) {
        Map<String, Long> values = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    values.put(line.substring(0, colon).strip(), Long.parseLong(line.substring(colon + 1).strip()));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of(); // not Linux, or not readable (another user's process)
        }
        return values;
    }

    /**
     * Bytes received and sent by every interface but loopback since boot, from {@code /proc/net/dev};
     * machine-wide, since Linux does not count network bytes per process.
     */
    static long[] networkBytes() {
        try {
            return parseNetDev(Files.readAllLines(PROC_NET));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@code /proc/net/dev}: two header lines, then "iface: rx_bytes rx_packets ... (8 rx fields) tx_bytes ...". */
    static long[] parseNetDev(List<String> lines) {
        long received = 0;
        long sent = 0;
        boolean any = false;
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).strip();
            String[] fields = line.substring(colon + 1).strip().split("\\s+");
            if (name.equals("lo") || fields.length < 9) {
                continue;
            }
            received += Long.parseLong(fields[0]);
            sent += Long.parseLong(fields[8]);
            any = true;
        }
        return any ? new long[] {received, sent} : null;
    }
}
