package org.labbook.kernel.eval;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
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

/**
 * Runs snippets in this JVM, like JShell's "local" engine, but keeps what the local engine throws away:
 * the live value of the last snippet and the live exception it threw. Snippets run on a runner thread that
 * {@link #stop()} can kill; threads a snippet starts inherit the cell's session, so their output lands in it.
 */
final class KernelExecutionControl extends DirectExecutionControl {
    private final UserClassLoader loader;
    private volatile Thread running;
    private volatile Runner runner;
    // Set by stop(), cleared when a cell starts: a stop that lands between two snippets must still stop the next.
    private volatile boolean stopRequested;
    private Object lastValue;
    private Throwable lastThrown;

    private final UserLoaderDelegate delegate;

    KernelExecutionControl(UserClassLoader loader) {
        this(loader, new UserLoaderDelegate(loader));
    }

    private KernelExecutionControl(UserClassLoader loader, UserLoaderDelegate delegate) {
        super(delegate);
        this.loader = loader;
        this.delegate = delegate;
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
    protected String invoke(Method doit) throws Exception {
        if (stopRequested) {
            throw new ExecutionControl.StoppedException();
        }
        EvaluatorSession session = SessionBinding.bound();
        FutureTask<Object> task = new FutureTask<>(() -> {
            // The runner outlives cells: give it this cell's session and loader, which threads it starts inherit.
            SessionBinding.bind(session);
            Thread.currentThread().setContextClassLoader(loader);
            try {
                return doit.invoke(null);
            } finally {
                SessionBinding.unbind();
                Thread.interrupted();
            }
        });
        Runner runner = runner();
        running = runner;
        Object value;
        try {
            runner.hand(task);
            value = awaitUninterruptibly(task, runner);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof InvocationTargetException target ? target.getCause() : e.getCause();
            if (isStop(cause)) {
                throw stopped(runner);
            }
            lastThrown = cause;
            return throwConvertedInvocationException(cause);
        } catch (RunnerDied e) {
            throw stopped(runner);
        } finally {
            running = null;
        }
        lastValue = value;
        return valueString(value);
    }

    /** The runner is not trusted after a stop hit it: the next snippet gets a fresh one. */
    private ExecutionControl.StoppedException stopped(Runner runner) {
        if (this.runner == runner) {
            this.runner = null;
        }
        runner.interrupt();
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

    /** Waits for the snippet; wakes once a second only to notice a runner killed outside the snippet's code. */
    private static Object awaitUninterruptibly(FutureTask<Object> task, Runner runner)
            throws ExecutionException, RunnerDied {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (TimeoutException e) {
                    if (!runner.isAlive() && !task.isDone()) {
                        throw new RunnerDied();
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The runner thread ended while its snippet was unfinished (a stop that landed outside the snippet). */
    private static final class RunnerDied extends Exception {
        RunnerDied() {
            super(null, null, false, false);
        }
    }

    /**
     * The thread snippets run on, one at a time. Kept between snippets: on two busy cores, starting a thread
     * for every snippet showed up in the round trip of short cells. A daemon, so a cell's endless thread
     * never keeps the JVM alive; it ends when interrupted while idle.
     */
    private static final class Runner extends Thread {
        // Never blocks the caller: should the runner die before taking the task, the caller notices it dead.
        private final BlockingQueue<FutureTask<Object>> tasks = new LinkedBlockingQueue<>();

        Runner(ClassLoader loader) {
            super("labbook-cell");
            setDaemon(true);
            setContextClassLoader(loader);
        }

        void hand(FutureTask<Object> task) {
            tasks.add(task);
        }

        @Override
        public void run() {
            try {
                while (true) {
                    tasks.take().run();
                }
            } catch (InterruptedException e) {
                // Replaced after a stop: nothing more will be handed to this runner.
            }
        }
    }

    @SuppressWarnings("removal")
    private static boolean isStop(Throwable t) {
        return t instanceof ThreadDeath;
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
        return super.varValue(className, varName);
    }

    /**
     * Thread.stop is the only way to end a loop that never checks for interruption; on JVMs that removed it
     * we fall back to an interrupt, which ends blocking calls and loops that check.
     */
    @Override
    @SuppressWarnings({"removal", "deprecation"})
    public void stop() {
        stopRequested = true;
        Thread thread = running;
        if (thread == null) {
            return;
        }
        try {
            thread.stop();
        } catch (UnsupportedOperationException e) {
            thread.interrupt();
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
