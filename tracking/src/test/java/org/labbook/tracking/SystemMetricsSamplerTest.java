package org.labbook.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemMetricsSamplerTest {
    private static final TrackerOptions OPTIONS = TrackerOptions.defaults().withShutdownHook(false)
            .withSystemMetricsInterval(Duration.ofMillis(200));

    @TempDir
    Path tempDir;

    @Test
    void aShortRunGetsPlausibleSystemMetricsFromItsStart() throws Exception {
        try (Tracker tracker = Labbook.open(tempDir.resolve("store").toString(), OPTIONS)) {
            String[] id = new String[1];
            tracker.run("system-metrics", "busy", run -> {
                id[0] = run.id();
                long until = System.nanoTime() + Duration.ofMillis(1500).toNanos();
                double sink = 0;
                while (System.nanoTime() < until) {
                    sink += Math.sqrt(sink + 1); // keep a core busy so process CPU is above zero
                }
                run.metric("sink", sink, 0);
            });
            Map<String, MetricSummary> metrics = tracker.metricSummaries(id[0]);
            assertThat(metrics).containsKeys("system/cpu", "system/cpu.machine", "system/heap.used_mb",
                    "system/heap.committed_mb", "system/gc.count", "system/gc.time_ms", "system/threads",
                    "system/memory.machine_used_mb");
            if (Path.of("/proc/self/status").toFile().canRead()) {
                assertThat(metrics).containsKeys("system/memory.rss_mb", "system/disk.read_mb", "system/network.sent_mb");
                assertThat(metrics.get("system/memory.rss_mb").max()).isGreaterThan(1.0);
            }
            // The first sample at the start, then one every 200 ms: several in 1.5 s, stepped in seconds.
            List<MetricPoint> heap = tracker.history(id[0], "system/heap.used_mb");
            assertThat(heap.size()).isBetween(4, 12);
            assertThat(heap.get(0).step()).isZero();
            assertThat(heap.get(heap.size() - 1).step()).isBetween(1L, 2L);
            assertThat(heap).allSatisfy(p -> assertThat(p.value()).isPositive());
            assertThat(metrics.get("system/heap.used_mb").max()).isLessThanOrEqualTo(metrics.get("system/heap.committed_mb").max());
            assertThat(metrics.get("system/cpu").max()).isGreaterThan(0.0).isLessThanOrEqualTo(100.0);
            assertThat(metrics.get("system/threads").min()).isGreaterThanOrEqualTo(1.0);
            // Counters start at zero for the run.
            assertThat(tracker.history(id[0], "system/gc.count").get(0).value()).isZero();
        }
    }

    @Test
    void oneSamplerThreadServesEveryRunAndStopsWithTheLast() throws Exception {
        try (Tracker tracker = Labbook.open(tempDir.resolve("store").toString(), OPTIONS)) {
            Run a = tracker.start("system-metrics", "a");
            Run b = tracker.start("system-metrics", "b");
            Thread sampler = SystemMetricsSampler.process().thread();
            assertThat(sampler).isNotNull();
            assertThat(Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals(SystemMetricsSampler.THREAD_NAME) && t.isAlive())).hasSize(1);
            a.close();
            assertThat(sampler.isAlive()).isTrue();
            b.close();
            sampler.join(Duration.ofSeconds(5).toMillis());
            assertThat(sampler.isAlive()).isFalse();
            assertThat(tracker.metricSummaries(a.id())).containsKey("system/cpu.machine");
        }
    }

    @Test
    void systemMetricsTurnedOffLeaveOnlyTheRunsOwnMetrics() {
        for (TrackerOptions off : List.of(OPTIONS.withSystemMetricsInterval(Duration.ZERO),
                OPTIONS.withContextDisabled(Set.of("system")))) {
            try (Tracker tracker = Labbook.open(tempDir.resolve("store").toString(), off)) {
                Run run = tracker.start("system-metrics", "off-" + Instant.now().toEpochMilli());
                run.metric("loss", 1.0, 0);
                run.close();
                assertThat(tracker.metricSummaries(run.id())).containsOnlyKeys("loss");
            }
        }
    }

    @Test
    void networkCountersAddEveryInterfaceButLoopback() {
        long[] bytes = SystemProbe.parseNetDev(List.of(
                "Inter-|   Receive                                                |  Transmit",
                " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed",
                "    lo: 9999 10 0 0 0 0 0 0 9999 10 0 0 0 0 0 0",
                "  eth0: 1000 10 0 0 0 0 0 0 200 5 0 0 0 0 0 0",
                "  eth1: 24 1 0 0 0 0 0 0 6 1 0 0 0 0 0 0"));
        assertThat(bytes).containsExactly(1024, 206);
        assertThat(SystemProbe.parseNetDev(List.of("    lo: 1 1 0 0 0 0 0 0 1 1 0 0 0 0 0 0"))).isNull();
    }
}
