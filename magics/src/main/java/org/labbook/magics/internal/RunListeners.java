package org.labbook.magics.internal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import org.labbook.magics.RunListener;
import org.labbook.tracking.Run;
import org.labbook.tracking.RunStatus;

/** The {@link RunListener}s of a session; a listener that throws is reported once and then skipped. */
public final class RunListeners {
    private final List<RunListener> listeners;
    private final List<RunListener> failed = new ArrayList<>();

    public RunListeners(List<RunListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** The listeners listed in {@code META-INF/services/org.labbook.magics.RunListener} on the classpath. */
    public static RunListeners fromClasspath() {
        List<RunListener> found = new ArrayList<>();
        ServiceLoader.load(RunListener.class, RunListeners.class.getClassLoader()).forEach(found::add);
        return new RunListeners(found);
    }

    public static RunListeners none() {
        return new RunListeners(List.of());
    }

    void started(Run run) {
        each(listener -> listener.runStarted(run));
    }

    void ended(Run run, RunStatus status) {
        each(listener -> listener.runEnded(run, status));
    }

    private synchronized void each(Consumer<RunListener> call) {
        for (RunListener listener : listeners) {
            if (failed.contains(listener)) {
                continue;
            }
            try {
                call.accept(listener);
            } catch (RuntimeException | LinkageError e) {
                failed.add(listener);
                kernelLog().println("labbook: run listener " + listener.getClass().getName()
                        + " failed and is off for this session: " + e);
            }
        }
    }

    /**
     * The process's own stderr, not {@code System.err}: while a cell runs, the kernel routes
     * {@code System.err} into that cell's output, and a listener's problem is not the cell's.
     */
    private static PrintStream kernelLog() {
        return new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    }
}
