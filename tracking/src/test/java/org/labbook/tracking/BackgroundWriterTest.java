package org.labbook.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.labbook.tracking.Eventually.eventually;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.tracking.spi.RunStore;
import org.labbook.tracking.spi.Stores;

/**
 * The background writer over a real SQLite store whose metric writes are made to fail or to hang in
 * front of it: errors reach flush callers once, points are never dropped, and heartbeats do not wait for
 * metric writes.
 */
class BackgroundWriterTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path tempDir;

    private final List<String> reports = new CopyOnWriteArrayList<>();

    @Test
    void aFailedMetricWriteIsReportedOnceAndRetriedWithoutLosingPoints() {
        RunStore real = Stores.open(location(), Duration.ofSeconds(30));
        AtomicInteger failuresLeft = new AtomicInteger(3);
        RunStore flaky = inFrontOf(real, (proxy, method, args) -> {
            if (method.getName().equals("appendNumberedMetrics") && failuresLeft.getAndDecrement() > 0) {
                throw new StoreException("disk full (simulated)");
            }
            return forward(real, method, args);
        });
        TrackerOptions options = TrackerOptions.defaults().withShutdownHook(false).withFlushInterval(Duration.ofSeconds(10))
                .withSystemMetricsInterval(Duration.ZERO);
        // A long flush interval: the first attempt is the one flush() asks for, so it sees the failure.
        try (Tracker tracker = Tracker.create(flaky, options, true, reports::add)) {
            Run run = tracker.start("e", "r");
            for (int i = 0; i < 1000; i++) {
                run.metric("loss", i, i);
            }
            assertThatThrownBy(run::flush).isInstanceOf(StoreException.class).hasMessageContaining("disk full")
                    .hasMessageContaining("1000 points are kept");
            for (int i = 1000; i < 2000; i++) {
                run.metric("loss", i, i);
            }
            eventually(LIMIT, run::flush);
            assertThat(failuresLeft.get()).isNegative();
            assertThat(tracker.history(run.id(), "loss")).hasSize(2000).extracting(MetricPoint::step).isSorted();
            assertThat(reports).filteredOn(line -> line.contains("disk full (simulated)")).hasSize(1);
            assertThat(reports).filteredOn(line -> line.startsWith("labbook: metrics are stored in")).hasSize(1);
            run.close();
        }
    }

    @Test
    void heartbeatsGoOnWhileAMetricWriteHangs() throws Exception {
        RunStore real = Stores.open(location(), Duration.ofSeconds(30));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RunStore hanging = inFrontOf(real, (proxy, method, args) -> {
            if (method.getName().equals("appendNumberedMetrics")) {
                entered.countDown();
                release.await();
            }
            return forward(real, method, args);
        });
        TrackerOptions options = TrackerOptions.defaults().withShutdownHook(false).withFlushInterval(Duration.ofMillis(20))
                .withHeartbeat(Duration.ofMillis(100), Duration.ofSeconds(1));
        try (Tracker tracker = Tracker.create(hanging, options, true, reports::add);
             RunStore elsewhere = Stores.open(location(), Duration.ofSeconds(1))) {
            Run run = tracker.start("e", "alive");
            run.metric("loss", 1, 0);
            try {
                assertThat(entered.await(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                // Three crash timeouts with the metric write stuck: elsewhere the run reads RUNNING throughout.
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                while (System.nanoTime() - until < 0) {
                    assertThat(elsewhere.findRun(run.id()).orElseThrow().info().status()).isEqualTo(RunStatus.RUNNING);
                    Thread.sleep(100);
                }
            } finally {
                // Before the tracker closes, which would otherwise wait for the stuck write.
                release.countDown();
            }
            run.flush();
            assertThat(tracker.history(run.id(), "loss")).hasSize(1);
        }
    }

    private StoreLocation location() {
        return StoreLocation.parse(tempDir.toString(), "test", tempDir);
    }

    private static RunStore inFrontOf(RunStore real, InvocationHandler handler) {
        return (RunStore) Proxy.newProxyInstance(RunStore.class.getClassLoader(), new Class<?>[] {RunStore.class}, handler);
    }

    private static Object forward(RunStore real, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(real, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
