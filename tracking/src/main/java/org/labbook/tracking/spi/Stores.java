package org.labbook.tracking.spi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;

import org.labbook.tracking.StoreException;
import org.labbook.tracking.StoreLocation;
import org.labbook.tracking.ValidationException;

/**
 * Opens the {@link RunStore} a location names, through the {@link StoreProvider} that serves its
 * scheme. Providers are found with {@link ServiceLoader}: the embedded SQLite store is always there;
 * other databases come with their modules. Callers see only {@link RunStore}.
 */
public final class Stores {
    /** A RUNNING run whose heartbeat is older than this reads as CRASHED, unless configured otherwise. */
    public static final Duration DEFAULT_CRASH_TIMEOUT = Duration.ofSeconds(60);

    private Stores() {
    }

    /** Opens the store for a URI or path, resolved as {@link StoreLocation#resolve(String)} describes. */
    public static RunStore open(String uri) {
        return open(StoreLocation.resolve(uri), DEFAULT_CRASH_TIMEOUT);
    }

    /**
     * Opens a store, creating it (and migrating its schema) if needed.
     *
     * @param crashTimeout how long a RUNNING run may go without a heartbeat before it reads as CRASHED
     */
    public static RunStore open(StoreLocation location, Duration crashTimeout) {
        if (crashTimeout == null || crashTimeout.isNegative() || crashTimeout.isZero()) {
            throw new ValidationException("Invalid crash timeout " + crashTimeout + ": it must be positive, e.g. PT60S.");
        }
        List<StoreProvider> providers = providers();
        for (StoreProvider provider : providers) {
            if (provider.schemes().contains(location.scheme())) {
                return provider.open(location, crashTimeout);
            }
        }
        TreeSet<String> known = new TreeSet<>();
        providers.forEach(p -> known.addAll(p.schemes()));
        String hint = location.scheme().equals("postgresql")
                ? " PostgreSQL team stores come with the labbook-tracking-postgres module: add it to the class path."
                : " Use a folder path or sqlite:/path/to/folder.";
        throw new StoreException("No store serves '" + location.scheme() + ":' (store " + location.redacted()
                + "); this build has " + String.join(", ", known) + "." + hint);
    }

    /**
     * The providers visible to this class's loader and to the calling thread's context loader (a
     * notebook may add a database module at run time with {@code %maven}).
     */
    static List<StoreProvider> providers() {
        List<StoreProvider> found = new ArrayList<>();
        TreeSet<String> seen = new TreeSet<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        for (ClassLoader loader : new ClassLoader[] {Stores.class.getClassLoader(), context}) {
            if (loader == null) {
                continue;
            }
            for (StoreProvider provider : ServiceLoader.load(StoreProvider.class, loader)) {
                if (seen.add(provider.getClass().getName())) {
                    found.add(provider);
                }
            }
        }
        return found;
    }
}
