package org.labbook.tracking;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

import org.labbook.tracking.context.SystemMetricsSource;

/**
 * Samples system metrics for every RUNNING run of the process, on one daemon thread shared by all
 * trackers: the first sample right when a run starts, then one per interval, stored as ordinary metrics
 * under {@code system/} whose step is the number of seconds since the run started. The thread exists only
 * while some run is watched; it ends with the last one.
 *
 * <p>Counters (disk and network bytes, GC count and time) are logged as the increase since the run's first
 * sample, so two runs compare on the same footing whenever they ran.
 */
final class SystemMetricsSampler {
    static final String THREAD_NAME = "labbook-system-metrics";
    private static final SystemMetricsSampler PROCESS = new SystemMetricsSampler();
    private static final java.time.Duration FIRST_SAMPLE_WAIT = java.time.Duration.ofSeconds(2);
    private static final List<String> COUNTER_PREFIXES = List.of("system/disk.", "system/network.", "system/gc.");

    private final Object lock = new Object();
    private final Map<Run, Watched> watched = new LinkedHashMap<>();
    private final SystemProbe probe = new SystemProbe();
    private List<SystemMetricsSource> sources;
    private Thread thread;

    /** The one sampler of this process. */
    static SystemMetricsSampler process() {
        return PROCESS;
    }

    /** The names of the sources on the classpath, for {@code LABBOOK_CONTEXT_DISABLE}. */
    static List<String> sourceNames() {
        return PROCESS.sources().stream().map(SystemMetricsSource::name).toList();
    }

    /** Starts sampling {@code run}, first right away; nothing when the options turn system metrics off. */
    void watch(Run run, TrackerOptions options) {
        if (options.systemMetricsInterval().isZero() || !options.contextEnabled("system")) {
            return;
        }
        synchronized (lock) {
            watched.put(run, new Watched(run, options, System.nanoTime()));
            if (thread == null) {
                thread = new Thread(this::loop, THREAD_NAME);
                thread.setDaemon(true);
                thread.start();
            }
            lock.notifyAll();
        }
    }

    /**
     * Stops sampling {@code run}; the thread ends once no run is left. A run not sampled yet (it lasted less
     * than the time the thread took to wake) waits a little for its first sample, so every run has one.
     */
    void unwatch(Run run) {
        synchronized (lock) {
            Watched w = watched.get(run);
            if (w == null) {
                return;
            }
            long until = System.nanoTime() + FIRST_SAMPLE_WAIT.toNanos();
            while (w.samples == 0 && thread != null && System.nanoTime() - until < 0 && Thread.currentThread() != thread) {
                try {
                    lock.wait(Math.max(1, (until - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            watched.remove(run);
            lock.notifyAll();
        }
    }

    /** The sampling thread while one runs, for the benchmark that measures its CPU time. */
    Thread thread() {
        synchronized (lock) {
            return thread;
        }
    }

    private void loop() {
        while (true) {
            List<Watched> due = new ArrayList<>();
            synchronized (lock) {
                if (watched.isEmpty()) {
                    thread = null;
                    return;
                }
                long now = System.nanoTime();
                long earliest = Long.MAX_VALUE;
                for (Watched w : watched.values()) {
                    if (w.nextDueNanos - now <= 0) {
                        due.add(w);
                    } else {
                        earliest = Math.min(earliest, w.nextDueNanos);
                    }
                }
                if (due.isEmpty()) {
                    long waitNanos = earliest - now;
                    try {
                        lock.wait(Math.max(1, waitNanos / 1_000_000), 0);
                    } catch (InterruptedException e) {
                        thread = null;
                        return;
                    }
                    continue;
                }
            }
            sample(due);
        }
    }

    private void sample(List<Watched> due) {
        Map<String, Double> machine = probe.sample();
        Map<String, Map<String, Double>> bySource = new HashMap<>();
        for (SystemMetricsSource source : sources()) {
            if (due.stream().anyMatch(w -> w.options.contextEnabled(source.name()))) {
                bySource.put(source.name(), sampleSource(source));
            }
        }
        long now = System.nanoTime();
        for (Watched w : due) {
            Map<String, Double> values = new LinkedHashMap<>(machine);
            bySource.forEach((name, sampled) -> {
                if (w.options.contextEnabled(name)) {
                    values.putAll(sampled);
                }
            });
            w.log(values, now);
            w.nextDueNanos = now + w.options.systemMetricsInterval().toNanos();
        }
        synchronized (lock) {
            due.forEach(w -> w.samples++);
            lock.notifyAll();
        }
    }

    /** A source that fails is left out of this tick; it is asked again at the next one. */
    private static Map<String, Double> sampleSource(SystemMetricsSource source) {
        try {
            Map<String, Double> sampled = source.sample();
            return sampled == null ? Map.of() : sampled;
        } catch (Exception | LinkageError e) {
            return Map.of();
        }
    }

    private List<SystemMetricsSource> sources() {
        synchronized (lock) {
            if (sources == null) {
                List<SystemMetricsSource> found = new ArrayList<>();
                try {
                    ServiceLoader.load(SystemMetricsSource.class, SystemMetricsSampler.class.getClassLoader()).forEach(found::add);
                } catch (ServiceConfigurationError e) {
                    // A broken source on the classpath: the JVM's own metrics still get sampled.
                }
                sources = List.copyOf(found);
            }
            return sources;
        }
    }

    /** One watched run: when it started, when it is next due, and its counters' first values. */
    private final class Watched {
        final Run run;
        final TrackerOptions options;
        final long startNanos;
        final Map<String, Double> baseline = new HashMap<>();
        long nextDueNanos;
        /** Ticks done, under the lock. */
        int samples;

        Watched(Run run, TrackerOptions options, long startNanos) {
            this.run = run;
            this.options = options;
            this.startNanos = startNanos;
            this.nextDueNanos = startNanos;
        }

        void log(Map<String, Double> values, long now) {
            long step = Math.max(0, (now - startNanos) / 1_000_000_000L);
            Map<String, Double> logged = new LinkedHashMap<>();
            values.forEach((key, value) -> {
                if (value == null || !Double.isFinite(value)) {
                    return;
                }
                if (COUNTER_PREFIXES.stream().anyMatch(key::startsWith)) {
                    logged.put(key, value - baseline.computeIfAbsent(key, k -> value));
                } else {
                    logged.put(key, value);
                }
            });
            if (!run.isActive()) {
                return;
            }
            try {
                run.metrics(logged, step);
            } catch (RuntimeException e) {
                // The run ended between the tick and now (its end unwatches it right after).
                unwatch(run);
            }
        }
    }

    /** For tests: whether any run of the process is watched. */
    boolean watching(Set<Run> runs) {
        synchronized (lock) {
            return runs.stream().anyMatch(watched::containsKey);
        }
    }
}
