package org.labbook.magics.internal;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.labbook.kernel.api.KernelSession;
import org.labbook.magics.TrackSubcommand;
import org.labbook.tracking.Run;
import org.labbook.tracking.RunStatus;
import org.labbook.tracking.Tracker;

/**
 * The tracking state of one kernel session: its store, its active runs and its queries. The
 * {@code %track} magics and the {@code Track} API both work through it, so they behave the same.
 */
public final class TrackSession implements AutoCloseable {
    private final KernelSession kernel;
    private final StoreConnection store;
    private final ActiveRuns runs;
    private final RunResolver resolver;
    private final RunQueries queries;
    private final Map<String, TrackSubcommand> subcommands;

    /**
     * @param storeUri the store to use, or null for the default ({@code LABBOOK_STORE}, else {@code .labbook/}
     *                 at the git root or in the working directory)
     * @param opener   opens a tracker for a store URI (null meaning the default)
     */
    public TrackSession(KernelSession kernel, String storeUri, Function<String, Tracker> opener) {
        this(kernel, storeUri, opener, RunListeners.none(), Map.of());
    }

    /**
     * @param runListeners told when runs start and end
     * @param subcommands  implementations of the subcommands the grammar reserves for other modules, by name
     */
    public TrackSession(KernelSession kernel, String storeUri, Function<String, Tracker> opener,
                        RunListeners runListeners, Map<String, TrackSubcommand> subcommands) {
        this.kernel = kernel;
        this.store = new StoreConnection(storeUri, opener);
        this.runs = new ActiveRuns(store, kernel, runListeners);
        this.subcommands = Map.copyOf(subcommands);
        this.resolver = new RunResolver(store);
        this.queries = new RunQueries(store, resolver, runs::experiment, () -> runs.current().map(Run::id));
    }

    public KernelSession kernel() {
        return kernel;
    }

    public StoreConnection store() {
        return store;
    }

    public ActiveRuns runs() {
        return runs;
    }

    public RunResolver resolver() {
        return resolver;
    }

    public RunQueries queries() {
        return queries;
    }

    /** The implementation of a reserved subcommand (e.g. "live"), if one is on the classpath. */
    public Optional<TrackSubcommand> subcommand(String name) {
        return Optional.ofNullable(subcommands.get(name));
    }

    public Map<String, TrackSubcommand> subcommands() {
        return subcommands;
    }

    /**
     * Ends the runs left open as FINISHED, then closes the store. FINISHED, not KILLED: the kernel is
     * shutting down in order (the user closed the notebook or restarted), which is how MLflow's fluent API
     * ends an active run at interpreter exit and how W&B marks a run whose process exits normally. A kernel
     * that dies without this call leaves its runs to the tracker's JVM hook (KILLED) or, if killed
     * outright, to the heartbeat timeout (CRASHED).
     */
    @Override
    public void close() {
        try {
            runs.endAll(RunStatus.FINISHED);
        } finally {
            store.close();
        }
    }
}
