package org.labbook.kernel.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Consumer;
import org.labbook.kernel.api.CellEnd;
import org.labbook.kernel.api.CellMagic;
import org.labbook.kernel.api.CellStart;
import org.labbook.kernel.api.ExtensionContext;
import org.labbook.kernel.api.KernelExtension;
import org.labbook.kernel.api.KernelSession;
import org.labbook.kernel.api.LineMagic;
import org.labbook.kernel.api.Renderer;
import org.labbook.kernel.eval.display.DisplayRegistry;
import org.labbook.kernel.eval.magic.MagicRegistry;

/**
 * Finds {@link KernelExtension}s with ServiceLoader, lets them register, and calls them around cells.
 * An extension that throws anywhere is named once on stderr and not called again; the cell goes on.
 */
final class ExtensionHost {
    private final MagicRegistry magics;
    private final DisplayRegistry displays;
    private final KernelSession session;
    private final List<KernelExtension> active = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    ExtensionHost(MagicRegistry magics, DisplayRegistry displays, KernelSession session) {
        this.magics = magics;
        this.displays = displays;
        this.session = session;
    }

    /**
     * Registers the extensions {@code loader} can see that were not loaded before, then runs their startup
     * snippets with {@code runStartup} (which throws if a snippet fails).
     */
    void loadNew(ClassLoader loader, Consumer<String> runStartup) {
        Iterator<KernelExtension> found = ServiceLoader.load(KernelExtension.class, loader).iterator();
        while (true) {
            KernelExtension extension;
            try {
                if (!found.hasNext()) {
                    break;
                }
                extension = found.next();
            } catch (ServiceConfigurationError e) {
                System.err.println("Extension could not be loaded and is skipped: " + e.getMessage());
                continue;
            }
            if (!seen.add(extension.getClass().getName())) {
                continue;
            }
            List<String> startup = new ArrayList<>();
            try {
                extension.register(new Context(startup));
                for (String snippet : startup) {
                    runStartup.accept(snippet);
                }
                active.add(extension);
            } catch (RuntimeException | LinkageError e) {
                report(extension, "register", e);
            }
        }
    }

    void beforeCell(CellStart cell) {
        forEach("beforeCell", e -> e.beforeCell(cell));
    }

    void afterCell(CellEnd cell) {
        forEach("afterCell", e -> e.afterCell(cell));
    }

    void shutdown() {
        forEach("shutdown", KernelExtension::shutdown);
    }

    private void forEach(String callback, Consumer<KernelExtension> call) {
        for (KernelExtension extension : List.copyOf(active)) {
            try {
                call.accept(extension);
            } catch (RuntimeException | LinkageError e) {
                active.remove(extension);
                report(extension, callback, e);
            }
        }
    }

    private static void report(KernelExtension extension, String callback, Throwable e) {
        String name;
        try {
            name = extension.name();
        } catch (RuntimeException nameFailed) {
            name = extension.getClass().getName();
        }
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
        System.err.println("Extension " + name + " failed in " + callback + " and is disabled for this session ("
                + e.getClass().getName() + message + ")");
    }

    /** What one extension may register; startup snippets run after its register() returned. */
    private final class Context implements ExtensionContext {
        private final List<String> startup;

        Context(List<String> startup) {
            this.startup = startup;
        }

        @Override
        public void lineMagic(String name, LineMagic magic) {
            magics.lineMagic(name, magic);
        }

        @Override
        public void cellMagic(String name, CellMagic magic) {
            magics.cellMagic(name, magic);
        }

        @Override
        public <T> void renderer(Class<T> type, Renderer<? super T> renderer) {
            displays.register(type, renderer);
        }

        @Override
        public void startupSnippet(String javaSource) {
            startup.add(javaSource);
        }

        @Override
        public KernelSession session() {
            return session;
        }
    }
}
