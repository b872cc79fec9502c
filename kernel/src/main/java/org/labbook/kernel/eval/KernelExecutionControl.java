package org.labbook.kernel.eval;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;
import org.labbook.kernel.api.ValueText;

/**
 * Runs snippets in this JVM, like JShell's "local" engine, but keeps what the local engine throws away:
 * the live value of the last snippet and the live exception it threw. Snippets run on a runner thread that
 * {@link #stop()} stops; threads a snippet starts inherit the cell's session, so their output lands in it.
 *
 * <p>How a snippet is stopped, on every Java: its classes check {@link StopSignal} at every method entry,
 * backward jump and call return ({@link StopPoints} puts the checks in as they load), which ends loops and
 * recursion in the cell's own code; the runner is interrupted, which ends sleeps, waits and interruptible I/O, also inside
 * libraries. Code that does neither (a loop inside a library jar, a blocking socket read) gets a grace period;
 * then, where Java still has {@code Thread.stop} (before 20), that; and if the snippet still runs after that,
 * the kernel stops waiting for it: the cell ends with a note naming the code that would not stop, the thread
 * is left to end by itself, and the next snippet gets a fresh runner.
 */
final class KernelExecutionControl extends DirectExecutionControl {
    /** How long after an interrupt a snippet may take to end before Thread.stop, where Java still has it. */
    static final Duration FORCE_AFTER = Duration.ofSeconds(1);
    /** How long after an interrupt the kernel waits before it gives up on a snippet that does not end. */
    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(3);
    /** How often the waiting thread looks at the runner: the deadlines above are kept this closely. */
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final UserClassLoader loader;
    private final boolean stopChecks;
    // Guards running against stop(): a stop aimed at a runner that already finished its snippet would
    // stop the next snippet it runs.
    private final Object stopLock = new Object();
    private Thread running;
    private volatile Runner runner;
    // Set by stop(), cleared when a cell starts: a stop that lands between two snippets must still stop the next.
    private volatile boolean stopRequested;
    private volatile long stopRequestedAt;
    private volatile String stopNote = "";
    private boolean warnedUninstrumented;
    private Object lastValue;
    private Throwable lastThrown;

    private final UserLoaderDelegate delegate;

    /**
     * @param stopChecks whether snippet classes get stop checks; without them a loop in a cell can be stopped
     *                   only with Thread.stop (Java 17 to 19). Off only to measure what the checks cost.
     */
    KernelExecutionControl(UserClassLoader loader, boolean stopChecks) {
        this(loader, new UserLoaderDelegate(loader), stopChecks);
    }

    private KernelExecutionControl(UserClassLoader loader, UserLoaderDelegate delegate, boolean stopChecks) {
        super(delegate);
        this.loader = loader;
        this.delegate = delegate;
        this.stopChecks = stopChecks;
    }

    /** Names of the snippet classes loaded since the last call. */
    java.util.List<String> drainLoaded() {
        return delegate.drainLoaded();
    }

    UserClassLoader loader() {
        return loader;
    }

    /** Clears an earlier stop; call when a new cell starts. */
    void resetStop() {
        stopRequested = false;
        stopRequestedAt = 0;
        stopNote = "";
    }

    /**
     * Why the last stop did not end the snippet it was aimed at, in one line for the user; empty when the
     * snippet ended (or nothing was stopped).
     */
    String stopNote() {
        return stopNote;
    }

    /** Forgets the previous snippet's value and exception; call before each eval. */
    void clearLast() {
        lastValue = null;
        lastThrown = null;
    }

    Object lastValue() {
        return lastValue;
    }

    Throwable lastThrown() {
        return lastThrown;
    }

    @Override
    public void load(ClassBytecodes[] classes)
            throws ClassInstallException, NotImplementedException, EngineTerminationException {
        if (!stopChecks) {
            super.load(classes);
            return;
        }
        ClassBytecodes[] checked = new ClassBytecodes[classes.length];
        for (int i = 0; i < classes.length; i++) {
            checked[i] = new ClassBytecodes(classes[i].name(), withStopChecks(classes[i].bytecodes()));
        }
        super.load(checked);
    }

    private byte[] withStopChecks(byte[] classFile) {
        try {
            return StopPoints.instrument(classFile);
        } catch (IllegalArgumentException e) {
            // A class file of a Java newer than ASM knows: load it as compiled; interrupts still end sleeps.
            // Said once, in the cell that met it (the loading thread writes to the running cell).
            if (!warnedUninstrumented) {
                warnedUninstrumented = true;
                System.err.println("Java " + Runtime.version().feature() + " is newer than this kernel's bytecode"
                        + " library (" + e.getMessage() + "); an interrupt cannot end a loop in a cell here."
                        + " Run the kernel on Java 17 to 25, or use a newer Labbook.");
            }
            return classFile;
        }
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        EvaluatorSession session = SessionBinding.bound();
        FutureTask<Object> task = new FutureTask<>(() -> {
            // The runner outlives cells: give it this cell's session and loader, which threads it starts inherit.
            SessionBinding.bind(session);
            Thread.currentThread().setContextClassLoader(loader);
            // An interrupt aimed at an earlier snippet must not end this one.
            Thread.interrupted();
            try {
                return doit.invoke(null);
            } finally {
                SessionBinding.unbind();
                Thread.interrupted();
            }
        });
        Runner runner = runner();
        synchronized (stopLock) {
            // Read under the lock that stop() writes under: either the stop is seen here, or stop() sees the runner.
            if (stopRequested) {
                throw new ExecutionControl.StoppedException();
            }
            running = runner;
        }
        boolean finished = false;
        Object value;
        try {
            runner.hand(task);
            value = await(task, runner);
            finished = true;
        } catch (ExecutionException e) {
            finished = true;
            Throwable cause = e.getCause() instanceof InvocationTargetException target ? target.getCause() : e.getCause();
            if (isStop(cause)) {
                throw stopped(runner);
            }
            lastThrown = cause;
            return throwConvertedInvocationException(cause);
        } catch (RunnerDied e) {
            throw stopped(runner);
        } catch (GaveUp e) {
            stopNote = e.note;
            throw stopped(runner);
        } finally {
            synchronized (stopLock) {
                running = null;
                // A runner given up on stays a target: it ends at its next check should it ever reach one.
                if (finished) {
                    StopSignal.lower(runner);
                }
            }
        }
        lastValue = value;
        // The kernel renders results from the live value; the text JShell keeps must not run user code (a slow
        // toString of a declared variable would slow every cell that declares one).
        return ValueText.of(value, ShellState.SUMMARY_CHARS);
    }

    /** The runner is not trusted after a stop hit it: the next snippet gets a fresh one. */
    private ExecutionControl.StoppedException stopped(Runner runner) {
        if (this.runner == runner) {
            this.runner = null;
        }
        runner.retire();
        return new ExecutionControl.StoppedException();
    }

    private Runner runner() {
        Runner current = runner;
        if (current == null || !current.isAlive()) {
            current = new Runner(loader);
            current.start();
            runner = current;
        }
        return current;
    }

    /**
     * Waits for the snippet, never giving up before a stop was asked for; wakes every tick to notice a runner
     * killed outside the snippet's code and, after a stop, to keep the deadlines.
     */
    private Object await(FutureTask<Object> task, Runner runner) throws ExecutionException, RunnerDied, GaveUp {
        boolean interrupted = false;
        boolean triedForce = false;
        boolean forced = false;
        try {
            while (true) {
                try {
                    return task.get(TICK_NANOS, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (TimeoutException e) {
                    if (!runner.isAlive() && !task.isDone()) {
                        throw new RunnerDied();
                    }
                    long stoppedAt = stopRequestedAt;
                    if (stoppedAt == 0) {
                        continue;
                    }
                    long waited = System.nanoTime() - stoppedAt;
                    if (waited >= GIVE_UP_AFTER.toNanos()) {
                        throw new GaveUp(giveUpNote(runner, forced));
                    }
                    if (!triedForce && waited >= FORCE_AFTER.toNanos()) {
                        triedForce = true;
                        forced = forceStop(runner);
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Thread.stop, where this Java still has it (before 20): the last way to end a loop inside a library.
     * Returns whether it could be called.
     */
    @SuppressWarnings({"removal", "deprecation"})
    private static boolean forceStop(Thread thread) {
        try {
            thread.stop();
            return true;
        } catch (UnsupportedOperationException e) {
            // Java 20+: nothing left to try but waiting out the grace period.
            return false;
        }
    }

    /** One line: what would not stop, why, and what the user can do. */
    private static String giveUpNote(Thread thread, boolean forced) {
        String where = whereStuck(thread.getStackTrace());
        return "The cell did not stop within " + GIVE_UP_AFTER.toSeconds() + " s of the interrupt: it is in "
                + where + ", code that does not check for interrupts, which Java " + Runtime.version().feature()
                + " cannot stop from outside" + (forced ? " (Thread.stop did not end it either)" : "")
                + ". It goes on in the background until it returns to the cell's code; restart the kernel to end"
                + " it now (the session's variables are lost).";
    }

    /**
     * The frame to name, among those the cell's code called (above its innermost snippet frame): the innermost
     * one outside the JDK (a library's loop), else the JDK method the cell called (an uninterruptible wait).
     */
    static String whereStuck(StackTraceElement[] frames) {
        int called = 0;
        while (called < frames.length && !frames[called].getClassName().startsWith("REPL.")) {
            called++;
        }
        if (called == 0) {
            return frames.length == 0 ? "code that shows no stack" : frames[0].toString();
        }
        for (int i = 0; i < called; i++) {
            String type = frames[i].getClassName();
            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
                return frames[i].toString();
            }
        }
        return frames[called - 1].toString();
    }

    /** The runner thread ended while its snippet was unfinished (a stop that landed outside the snippet). */
    private static final class RunnerDied extends Exception {
        RunnerDied() {
            super(null, null, false, false);
        }
    }

    /** The snippet outlived every way to stop it. */
    private static final class GaveUp extends Exception {
        final String note;

        GaveUp(String note) {
            super(null, null, false, false);
            this.note = note;
        }
    }

    /**
     * The thread snippets run on, one at a time. Kept between snippets: on two busy cores, starting a thread
     * for every snippet showed up in the round trip of short cells. A daemon, so a cell's endless thread
     * never keeps the JVM alive; once retired it ends after the snippet it is running, if any.
     */
    private static final class Runner extends Thread {
        // Never blocks the caller: should the runner die before taking the task, the caller notices it dead.
        private final BlockingQueue<FutureTask<Object>> tasks = new LinkedBlockingQueue<>();
        private volatile boolean retired;

        Runner(ClassLoader loader) {
            super("labbook-cell");
            setDaemon(true);
            setContextClassLoader(loader);
        }

        void hand(FutureTask<Object> task) {
            tasks.add(task);
        }

        /** Nothing more will be handed to this runner. */
        void retire() {
            retired = true;
            interrupt();
        }

        @Override
        public void run() {
            while (!retired) {
                try {
                    tasks.take().run();
                } catch (InterruptedException e) {
                    // A stop that arrived as the snippet finished; only retire() ends the runner.
                }
            }
        }
    }

    @SuppressWarnings("removal")
    private static boolean isStop(Throwable t) {
        return t instanceof StopSignal.CellStopped || t instanceof ThreadDeath;
    }

    @Override
    public String varValue(String className, String varName) throws RunException, EngineTerminationException, InternalException {
        try {
            java.lang.reflect.Field field = findClass(className).getDeclaredField(varName);
            field.setAccessible(true);
            lastValue = field.get(null);
        } catch (ReflectiveOperationException e) {
            lastValue = null;
        }
        // The value as a short text that runs none of its code; its full rendering is for callers of lastValue.
        return ValueText.of(lastValue, ShellState.SUMMARY_CHARS);
    }

    /**
     * Signals the running snippet to stop at its next check and interrupts its thread; the waiting thread
     * ({@link #await}) takes it from there if the snippet does not end.
     */
    @Override
    public void stop() {
        synchronized (stopLock) {
            if (!stopRequested) {
                stopRequestedAt = System.nanoTime();
            }
            stopRequested = true;
            Thread thread = running;
            if (thread != null) {
                StopSignal.raise(thread);
                thread.interrupt();
            }
        }
    }

    /** Hands JShell this one control instance, so the kernel keeps a handle on it. */
    static final class Provider implements ExecutionControlProvider {
        private final KernelExecutionControl control;

        Provider(KernelExecutionControl control) {
            this.control = control;
        }

        @Override
        public String name() {
            return "labbook";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return control;
        }
    }
}
