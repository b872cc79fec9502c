package org.labbook.tracking.postgres;

import java.io.PrintWriter;
import java.util.function.Consumer;

import org.labbook.tracking.StoreSync;

/**
 * The progress lines of {@code labbook sync}: at most one per {@code intervalNanos}, none for the last
 * run (the summary line follows it), e.g. {@code labbook sync: 3 of 10 runs (30%), 4500 points sent}.
 */
final class SyncProgress implements Consumer<StoreSync.Progress> {
    private final PrintWriter err;
    private final long intervalNanos;
    private long last;

    SyncProgress(PrintWriter err, long intervalNanos) {
        this.err = err;
        this.intervalNanos = intervalNanos;
        this.last = System.nanoTime();
    }

    static String line(StoreSync.Progress progress) {
        return "labbook sync: " + progress.done() + " of " + progress.total() + " runs ("
                + (100L * progress.done() / progress.total()) + "%), " + progress.points() + " points sent";
    }

    @Override
    public void accept(StoreSync.Progress progress) {
        if (System.nanoTime() - last >= intervalNanos && progress.done() < progress.total()) {
            last = System.nanoTime();
            err.println(line(progress));
            err.flush();
        }
    }
}
