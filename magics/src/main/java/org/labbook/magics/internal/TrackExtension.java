package org.labbook.magics.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.labbook.kernel.api.ExtensionContext;
import org.labbook.kernel.api.KernelExtension;
import org.labbook.magics.ResultOutputs;
import org.labbook.magics.TrackSubcommand;
import org.labbook.magics.grammar.Subcommands;
import org.labbook.tracking.Labbook;

/**
 * Adds experiment tracking to the kernel: the {@code %track} line magic, the {@code %%track} cell magic,
 * the {@code Track} class imported into every notebook, and an orderly end of open runs when the kernel
 * shuts down (see {@link TrackSession#close()} for why they end FINISHED).
 *
 * <p>The store is the default one ({@code LABBOOK_STORE}, else {@code .labbook/} at the git root or in
 * the working directory) unless the system property {@value #STORE_PROPERTY} names another; it is opened
 * on first use.
 */
public final class TrackExtension implements KernelExtension {
    /** A store URI or folder for this kernel, overriding {@code LABBOOK_STORE}; mostly for tests. */
    public static final String STORE_PROPERTY = "labbook.store";

    private TrackSession session;

    @Override
    public String name() {
        return "labbook-track";
    }

    @Override
    public void register(ExtensionContext context) {
        TrackSession created = new TrackSession(context.session(), System.getProperty(STORE_PROPERTY), Labbook::open,
                RunListeners.fromClasspath(), reservedSubcommands());
        TrackCommands commands = new TrackCommands(created, created.subcommands(), resultOutputs());
        context.lineMagic("track", commands::line);
        context.cellMagic("track", commands::cell);
        // Imported by class, not statically: start/end/param as bare names in every cell would clash with
        // the user's own methods and variables. Cells write Track.metric(...).
        context.startupSnippet("import org.labbook.magics.Track;");
        // Installed last: if registering fails, the kernel disables this extension and never calls
        // shutdown, so nothing may be left installed.
        session = created;
        TrackSessions.install(created);
    }

    @Override
    public void shutdown() {
        if (session != null) {
            try {
                session.close();
            } finally {
                TrackSessions.clear(session);
                session = null;
            }
        }
    }

    /** Splitters of results into several outputs (the chart extension's), found on the classpath. */
    private static List<ResultOutputs> resultOutputs() {
        List<ResultOutputs> found = new ArrayList<>();
        ServiceLoader.load(ResultOutputs.class, TrackExtension.class.getClassLoader()).forEach(found::add);
        return found;
    }

    /** Implementations of the subcommands the grammar reserves for other modules, found on the classpath. */
    private static Map<String, TrackSubcommand> reservedSubcommands() {
        Map<String, TrackSubcommand> found = new HashMap<>();
        for (TrackSubcommand subcommand : ServiceLoader.load(TrackSubcommand.class, TrackExtension.class.getClassLoader())) {
            if (Subcommands.find(subcommand.name()).isPresent()) {
                found.putIfAbsent(subcommand.name(), subcommand);
            }
        }
        return found;
    }
}
