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

    /**
     * A model version for serving code: {@code Labbook.model("fraud-detector@production")} resolves the
     * reference ({@code NAME@alias}, {@code NAME/3} or {@code NAME}) in the default store and returns the
     * version with its run, its lineage and its artifact as a local file, copied into the cache folder
     * ({@code LABBOOK_CACHE}, else {@code ~/.cache/labbook}) and checked against the registered digest.
     */
    public static ResolvedModel model(String reference) {
        return model(null, reference);
    }

    /** As {@link #model(String)}, in the store at {@code uri} (null means the default). */
    public static ResolvedModel model(String uri, String reference) {
        ModelReference.parse(reference);
        try (Tracker tracker = open(uri)) {
            return tracker.models().fetch(reference, cacheFolder().resolve("models"));
        }
    }

    /** Where {@link #model} keeps local copies of artifacts. */
    public static java.nio.file.Path cacheFolder() {
        String configured = System.getenv("LABBOOK_CACHE");
        if (configured != null && !configured.isBlank()) {
            return java.nio.file.Path.of(configured);
        }
        return java.nio.file.Path.of(System.getProperty("user.home"), ".cache", "labbook");
    }

    /** Which store {@link #open(String)} would use, and why, without opening it. */
    public static StoreLocation locate(String uri) {
        return StoreLocation.resolve(uri);
    }
}
