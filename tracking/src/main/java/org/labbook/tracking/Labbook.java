package org.labbook.tracking;

import org.labbook.tracking.spi.RunStore;
import org.labbook.tracking.spi.Stores;

/**
 * Where plain Java code (a CI job, a script, a test) starts:
 *
 * <pre>{@code
 * try (Tracker tracker = Labbook.open()) {
 *     try (Run run = tracker.start("fraud/baseline", "lr-sweep-v2")) {
 *         run.params(Map.of("lr", 0.001, "batch", 64));
 *         run.metric("val_loss", 0.42, 1);
 *     }
 * }
 * }</pre>
 *
 * {@link #open()} finds the store as {@link StoreLocation} describes: {@code LABBOOK_STORE}, else
 * {@code .labbook/} at the git repository root, else in the working directory.
 */
public final class Labbook {
    private Labbook() {
    }

    /** Opens the default store. */
    public static Tracker open() {
        return open(null);
    }

    /** Opens the store at a path, {@code sqlite:} or {@code postgresql://} URI; null means the default. */
    public static Tracker open(String uri) {
        return open(uri, TrackerOptions.defaults());
    }

    public static Tracker open(String uri, TrackerOptions options) {
        StoreLocation location = StoreLocation.resolve(uri);
        RunStore store = Stores.open(location, options.crashTimeout());
        return Tracker.create(store, options, true);
    }

    /** Which store {@link #open(String)} would use, and why, without opening it. */
    public static StoreLocation locate(String uri) {
        return StoreLocation.resolve(uri);
    }
}
