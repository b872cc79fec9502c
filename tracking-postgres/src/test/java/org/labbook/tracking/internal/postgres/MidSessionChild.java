package org.labbook.tracking.internal.postgres;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.labbook.tracking.Labbook;
import org.labbook.tracking.Run;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.TrackerOptions;

/**
 * A client that opens the team store at {@code args[0]} while its server answers and starts a run; once
 * told on stdin that the server is gone, it logs a param, a tag and a note (which go to the spool of the
 * outage), says so, and waits to be killed.
 */
public final class MidSessionChild {
    public static void main(String[] args) throws Exception {
        Tracker tracker = Labbook.open(args[0], TrackerOptions.defaults().withSystemMetricsInterval(Duration.ZERO)
                .withShutdownHook(false));
        Run run = tracker.start("outage", "killed-mid-outage");
        run.param("before", 1);
        run.flush();
        System.out.println("run " + run.id());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (!"gone".equals(in.readLine())) {
            return;
        }
        run.param("during", 2);
        run.tag("phase", "offline");
        run.note("logged while the server was away");
        System.out.println("spooled");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
