package org.labbook.kernel.eval;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What snippet code checks at every method entry and backward jump (the kernel puts the calls there when it
 * loads a snippet class, see {@link StopPoints}): on a thread the kernel asked to stop, the check throws
 * {@link CellStopped}. Java 20 and later have no {@code Thread.stop}, so this is how a cell's loop ends.
 *
 * <p>Public only because snippet classes, loaded by the user's class loader, call {@link #check()}; internal to
 * the kernel like the rest of this package.
 */
public final class StopSignal {
    /**
     * True while some thread is to stop. A check reads only this while nothing is to stop, so a loop pays one
     * volatile read per iteration; volatile, because a plain read the JIT may hoist out of the loop.
     */
    private static volatile boolean raised;
    // Several kernels may share a JVM (tests do): each names only its own cell thread here.
    private static final Set<Thread> TARGETS = ConcurrentHashMap.newKeySet();

    private StopSignal() {
    }

    /** Called by snippet code; returns at once unless the calling thread is to stop. */
    public static void check() {
        if (raised) {
            stopIfTarget();
        }
    }

    private static void stopIfTarget() {
        if (TARGETS.contains(Thread.currentThread())) {
            throw new CellStopped();
        }
    }

    /** From now on, snippet code on {@code thread} throws at its next check. */
    static synchronized void raise(Thread thread) {
        TARGETS.add(thread);
        raised = true;
    }

    /** {@code thread} runs snippets normally again. */
    static synchronized void lower(Thread thread) {
        TARGETS.remove(thread);
        // A thread the kernel gave up on stays a target until it ends: drop those that have ended meanwhile.
        TARGETS.removeIf(t -> !t.isAlive());
        raised = !TARGETS.isEmpty();
    }

    /**
     * Thrown into snippet code that was asked to stop. An {@link Error}, so a cell's {@code catch (Exception e)}
     * does not swallow it; a cell that catches it anyway meets it again at its next check.
     */
    static final class CellStopped extends Error {
        private static final long serialVersionUID = 1L;

        CellStopped() {
            super("the cell was interrupted", null, false, false);
        }
    }
}
