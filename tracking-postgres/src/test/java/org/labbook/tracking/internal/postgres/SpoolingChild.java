package org.labbook.tracking.internal.postgres;

import java.time.Duration;

import org.labbook.tracking.Labbook;
import org.labbook.tracking.Run;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.TrackerOptions;

/**
 * A client that opens the team store at {@code args[0]} while its server is down, so that it logs to the
 * spool, and logs points until it is killed; after every flush it prints how many points are stored in
 * the spool, for the test that kills it.
 */
public final class SpoolingChild {
    public static void main(String[] args) {
        // No system metrics: the test counts the points this loop logs.
        Tracker tracker = Labbook.open(args[0], TrackerOptions.defaults().withSystemMetricsInterval(Duration.ZERO));
        Run run = tracker.start("offline", "killed-while-spooling");
        run.param("lr", 0.01).tag("machine", "laptop");
        run.note("started offline");
        run.artifact("{\"lr\": 0.01}".getBytes(java.nio.charset.StandardCharsets.UTF_8), "config.json");
        System.out.println("run " + run.id());
        for (int i = 0; ; i++) {
            run.metric("loss", 1.0 / (i + 1), i);
            if ((i + 1) % 5_000 == 0) {
                run.flush();
                System.out.println("flushed " + (i + 1));
                System.out.flush();
            }
        }
    }
}
