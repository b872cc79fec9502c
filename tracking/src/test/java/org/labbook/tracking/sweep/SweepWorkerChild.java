package org.labbook.tracking.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.labbook.tracking.Labbook;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.TrackerOptions;

/**
 * A sweep worker in its own JVM, for {@link SweepContract}. It waits at a file barrier (writes
 * {@code ready-ID}, waits for {@code go}) so that the workers ask the store for trials at once.
 *
 * <pre>
 *   work STORE BARRIER ID SWEEP CRASH_SECONDS   run trials until the sweep is done, printing "RAN n" for
 *                                               each, then "DONE"
 *   hang STORE BARRIER ID SWEEP CRASH_SECONDS   take one trial, print "STARTED n", and hang in it until killed
 * </pre>
 */
public final class SweepWorkerChild {
    /** For the tests' own tracker; the workers are given their crash timeout. */
    static final TrackerOptions OPTIONS = options(10);

    /**
     * Heartbeats every 250 ms; a trial whose worker sent none for {@code crashSeconds} reads CRASHED. Short
     * where a test kills a worker, so it waits seconds, not a minute; long where none is killed, because on
     * a machine loaded far beyond its cores a live worker can go seconds without being scheduled, and its
     * trial would then rightly be given to another worker.
     */
    static TrackerOptions options(int crashSeconds) {
        return TrackerOptions.defaults().withShutdownHook(false)
                .withHeartbeat(Duration.ofMillis(250), Duration.ofSeconds(crashSeconds));
    }

    private SweepWorkerChild() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path barrier = Path.of(args[2]);
        Files.createFile(barrier.resolve("ready-" + args[3]));
        while (!Files.exists(barrier.resolve("go"))) {
            Thread.sleep(5);
        }
        try (Tracker tracker = Labbook.open(args[1], options(Integer.parseInt(args[5])))) {
            Sweep sweep = Sweep.join(tracker, args[4]);
            if (mode.equals("hang")) {
                sweep.run(trial -> {
                    System.out.println("STARTED " + trial.number() + " " + trial.params());
                    System.out.flush();
                    Thread.sleep(Long.MAX_VALUE);
                });
                return;
            }
            sweep.run(trial -> {
                Thread.sleep(20);
                double x = trial.getDouble("x");
                trial.report("loss", (x - 0.3) * (x - 0.3), 0);
                System.out.println("RAN " + trial.number());
            });
            System.out.println("DONE");
        }
    }
}
