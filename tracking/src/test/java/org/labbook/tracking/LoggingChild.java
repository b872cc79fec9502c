package org.labbook.tracking;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.labbook.tracking.spi.RunStore;
import org.labbook.tracking.spi.Stores;

/**
 * The program {@link MultiProcessContract} runs in separate JVMs. Each mode waits at a file barrier (it
 * writes {@code ready-ID}, then waits for {@code go}) so that all children hit the store at the same
 * moment rather than one after the other as their JVMs happen to start.
 *
 * <pre>
 *   log   STORE BARRIER ID POINTS PARAMS   start a run, log PARAMS params one call each and POINTS points
 *   open  STORE BARRIER ID                 open a brand-new store (creating its schema) and close it
 *   crash STORE BARRIER ID                 log forever, printing "FLUSHED runId total" after each flush
 * </pre>
 */
public final class LoggingChild {
    private LoggingChild() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String store = args[1];
        Path barrier = Path.of(args[2]);
        String id = args[3];
        Files.createFile(barrier.resolve("ready-" + id));
        while (!Files.exists(barrier.resolve("go"))) {
            Thread.sleep(5);
        }
        switch (mode) {
            case "log" -> log(store, id, Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            case "open" -> {
                try (RunStore opened = Stores.open(store)) {
                    System.out.println("OPENED " + opened.location().redacted());
                }
            }
            case "crash" -> crash(store, id);
            default -> throw new IllegalArgumentException(mode);
        }
    }

    private static void log(String store, String id, int points, int params) {
        try (Tracker tracker = Labbook.open(store); Run run = tracker.start("concurrency", "child-" + id)) {
            for (int p = 0; p < params; p++) {
                run.param("param_" + p, id + "-" + p);
            }
            for (int i = 0; i < points; i++) {
                run.metric("loss", i * 0.5, i);
            }
            System.out.println("DONE " + run.id());
        }
    }

    private static void crash(String store, String id) throws InterruptedException {
        TrackerOptions options = TrackerOptions.defaults().withHeartbeat(Duration.ofMillis(100), Duration.ofSeconds(1));
        Tracker tracker = Labbook.open(store, options);
        Run run = tracker.start("crash", "victim-" + id);
        long total = 0;
        while (true) {
            for (int i = 0; i < 1000; i++) {
                run.metric("loss", total, total);
                total++;
            }
            run.flush();
            System.out.println("FLUSHED " + run.id() + " " + total);
            System.out.flush();
            // Keep logging after the flush so the kill lands while points are in flight.
            Thread.sleep(10);
        }
    }
}
