package org.labbook.magics.internal;

import java.util.Arrays;
import java.util.Objects;
import org.labbook.magics.MetricListener;

/**
 * The metric listeners of one session, as a copy-on-write array: logging a metric with nobody listening
 * costs one volatile read of {@link #current()}; registering copies the array (rare).
 */
public final class MetricListeners {
    private static final MetricListener[] NONE = new MetricListener[0];

    private volatile MetricListener[] listeners = NONE;
    /** Called with no argument each time the last listener leaves (so per-listening state can be dropped). */
    private final Runnable onEmpty;

    public MetricListeners(Runnable onEmpty) {
        this.onEmpty = onEmpty;
    }

    /** The listeners now; an empty array when nobody listens. Never modify it. */
    public MetricListener[] current() {
        return listeners;
    }

    /** Adds a listener until the returned registration is closed (closing twice does nothing). */
    public AutoCloseable add(MetricListener listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (this) {
            MetricListener[] next = Arrays.copyOf(listeners, listeners.length + 1);
            next[next.length - 1] = listener;
            listeners = next;
        }
        return () -> remove(listener);
    }

    private void remove(MetricListener listener) {
        boolean empty;
        synchronized (this) {
            MetricListener[] now = listeners;
            int index = -1;
            for (int i = 0; i < now.length; i++) {
                if (now[i] == listener) {
                    index = i;
                    break;
                }
            }
            if (index < 0) {
                return;
            }
            MetricListener[] next = new MetricListener[now.length - 1];
            System.arraycopy(now, 0, next, 0, index);
            System.arraycopy(now, index + 1, next, index, now.length - index - 1);
            listeners = next.length == 0 ? NONE : next;
            empty = next.length == 0;
        }
        if (empty) {
            onEmpty.run();
        }
    }

    /** Tells every listener about one point. */
    public static void publish(MetricListener[] listeners, String runId, String key, long step, long time, double value) {
        for (MetricListener listener : listeners) {
            listener.point(runId, key, step, time, value);
        }
    }
}
