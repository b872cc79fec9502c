package org.labbook.context;

import java.nio.file.Path;

import org.labbook.tracking.Labbook;
import org.labbook.tracking.Tracker;

/**
 * A nightly training job as CI runs it: plain Java, no notebook, only the tracking library and this
 * module on the classpath.
 *
 * <pre>  CiJob STORE</pre>
 */
public final class CiJob {
    private CiJob() {
    }

    public static void main(String[] args) {
        try (Tracker tracker = Labbook.open(Path.of(args[0]).toString())) {
            tracker.run("nightly", "ci-job", run -> {
                run.param("lr", 0.02);
                for (int epoch = 0; epoch < 5; epoch++) {
                    run.metric("loss", 1.0 / (epoch + 1), epoch);
                    Thread.sleep(100);
                }
            });
        }
    }
}
