package org.labbook.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.tracking.spi.RunStore;
import org.labbook.tracking.spi.Stores;

/** The background writer under store failures: errors reach flush callers, points are never dropped. */
class BackgroundWriterTest {
    @TempDir
    Path tempDir;

    @Test
    void aFailedMetricWriteIsReportedToFlushAndRetriedWithoutLosingPoints() {
        RunStore real = Stores.open(StoreLocation.parse(tempDir.toString(), "test", tempDir), Duration.ofSeconds(30));
        AtomicInteger failuresLeft = new AtomicInteger(3);
        InvocationHandler failingAppends = (proxy, method, args) -> {
            if (method.getName().equals("appendMetrics") && failuresLeft.getAndDecrement() > 0) {
                throw new StoreException("disk full (simulated)");
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        RunStore flaky = (RunStore) Proxy.newProxyInstance(RunStore.class.getClassLoader(), new Class<?>[] {RunStore.class},
                failingAppends);
        TrackerOptions options = TrackerOptions.defaults().withShutdownHook(false).withFlushInterval(Duration.ofSeconds(10));
        // A long flush interval: the writer then runs only when flush() asks, so each flush sees one attempt.
        try (Tracker tracker = Tracker.create(flaky, options, true)) {
            Run run = tracker.start("e", "r");
            for (int i = 0; i < 1000; i++) {
                run.metric("loss", i, i);
            }
            assertThatThrownBy(run::flush).isInstanceOf(StoreException.class).hasMessageContaining("disk full");
            for (int i = 1000; i < 2000; i++) {
                run.metric("loss", i, i);
            }
            while (failuresLeft.get() > 0) {
                assertThatThrownBy(run::flush).isInstanceOf(StoreException.class);
            }
            run.flush();
            assertThat(tracker.history(run.id(), "loss")).hasSize(2000).extracting(MetricPoint::step).isSorted();
            run.close();
        }
    }
}
