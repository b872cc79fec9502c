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
 *   work STORE BARRIER ID SWEEP   run trials until the sweep is done, printing "RAN n" for each, then "DONE"
 *   hang STORE BARRIER ID SWEEP   take one trial, print "STARTED n", and hang in it until killed
 * </pre>
 */
public final class SweepWorkerChild {
    /**
     * Short, so that a killed worker's trial reads CRASHED within seconds; long enough that a live worker
     * on a busy machine does not.
     */
    static final TrackerOptions OPTIONS = TrackerOptions.defaults().withShutdownHook(false)
            .withHeartbeat(Duration.ofMillis(250), Duration.ofSeconds(5));

    private SweepWorkerChild() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path barrier = Path.of(args[2]);
        Files.createFile(barrier.resolve("ready-" + args[3]));
        while (!Files.exists(barrier.resolve("go"))) {
            Thread.sleep(5);
        }
        try (Tracker tracker = Labbook.open(args[1], OPTIONS)) {
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
