package org.labbook.tracking;

import java.util.List;

/**
 * The program {@link ReadAfterErrorTest} runs in a JVM with a small heap: it logs a long metric, makes a
 * read run out of memory inside its transaction, then reads again through the same tracker.
 *
 * <pre>  ReadAfterErrorChild STORE POINTS</pre>
 */
public final class ReadAfterErrorChild {
    private ReadAfterErrorChild() {
    }

    public static void main(String[] args) {
        String store = args[0];
        int points = Integer.parseInt(args[1]);
        try (Tracker tracker = Labbook.open(store, TrackerOptions.defaults().withShutdownHook(false))) {
            String id;
            try (Run run = tracker.start("oom", "long")) {
                id = run.id();
                for (int i = 0; i < points; i++) {
                    run.metric("loss", i, i);
                }
            }
            try {
                // Every point as an object, asked for at once: more than the heap holds.
                List<MetricPoint> all = tracker.history(id, "loss", Integer.MAX_VALUE);
                System.out.println("NO ERROR " + all.size());
                return;
            } catch (OutOfMemoryError expected) {
                System.out.println("OUT OF MEMORY");
            }
            System.out.println("STATUS " + tracker.details(id).status());
            int read = tracker.history(id, "loss", 100).size();
            System.out.println(read > 0 && read <= 100 ? "HISTORY READ" : "HISTORY WRONG " + read);
        }
    }
}
