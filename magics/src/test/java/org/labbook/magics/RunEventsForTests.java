package org.labbook.magics;

import java.util.ArrayList;
import java.util.List;
import org.labbook.tracking.Run;
import org.labbook.tracking.RunStatus;

/**
 * A run listener found through {@code META-INF/services}, as a real module's would be. The kernel under test
 * runs in this JVM, so tests read what it heard from {@link #events()}.
 */
public final class RunEventsForTests implements RunListener {
    private static final List<String> EVENTS = new ArrayList<>();

    public static synchronized List<String> events() {
        return List.copyOf(EVENTS);
    }

    public static synchronized void clear() {
        EVENTS.clear();
    }

    private static synchronized void add(String event) {
        EVENTS.add(event);
    }

    @Override
    public void runStarted(Run run) {
        add("started " + run.name());
    }

    @Override
    public void runEnded(Run run, RunStatus status) {
        add("ended " + run.name() + " " + status);
    }
}
