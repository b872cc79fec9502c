package org.labbook.kernel.eval;

import java.util.Optional;
import org.labbook.kernel.api.KernelSession;

/**
 * Which kernel session a thread works for. The evaluating thread is bound while a cell runs; snippet threads
 * and every thread user code starts inherit the binding, so their output and displays land in that session
 * even when several kernels share a JVM (as in tests). Backs {@link KernelSession#current()}.
 */
public final class SessionBinding {
    private static final InheritableThreadLocal<EvaluatorSession> BOUND = new InheritableThreadLocal<>();
    // For threads created outside any cell (a pool the kernel made, say): the session started last.
    private static volatile EvaluatorSession latest;

    private SessionBinding() {
    }

    /** The session of the calling thread, else the most recently started one, else empty. */
    public static Optional<KernelSession> current() {
        return Optional.ofNullable(sessionOrLatest());
    }

    static EvaluatorSession sessionOrLatest() {
        EvaluatorSession bound = BOUND.get();
        return bound != null ? bound : latest;
    }

    /** The session this thread was bound to, or null for kernel threads that never ran user code. */
    static EvaluatorSession bound() {
        return BOUND.get();
    }

    static void started(EvaluatorSession session) {
        latest = session;
    }

    static void closed(EvaluatorSession session) {
        if (latest == session) {
            latest = null;
        }
    }

    static void bind(EvaluatorSession session) {
        BOUND.set(session);
    }

    static void unbind() {
        BOUND.remove();
    }
}
