package org.labbook.kernel.eval;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs snippets in this JVM, like JShell's "local" engine, but keeps what the local engine throws away:
 * the live value of the last snippet and the live exception it threw. Each snippet runs on a fresh thread
 * (a child of the evaluating thread, so it inherits the cell's output route) that {@link #stop()} can kill.
 */
final class KernelExecutionControl extends DirectExecutionControl {
    private final UserClassLoader loader;
    private volatile Thread running;
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
        Object[] result = new Object[1];
        Throwable[] thrown = new Throwable[1];
        boolean[] stopped = new boolean[1];
        Thread thread = new Thread(() -> {
            try {
                result[0] = doit.invoke(null);
            } catch (InvocationTargetException e) {
                if (isStop(e.getCause())) {
                    stopped[0] = true;
                } else {
                    thrown[0] = e.getCause();
                }
            } catch (Throwable e) {
                if (isStop(e)) {
                    stopped[0] = true;
                } else {
                    thrown[0] = e;
                }
            }
        }, "labbook-cell");
        thread.setContextClassLoader(loader);
        thread.setDaemon(true);
        running = thread;
        if (stopRequested) {
            running = null;
            throw new ExecutionControl.StoppedException();
        }
        thread.start();
        joinUninterruptibly(thread);
        running = null;
        if (stopped[0]) {
            throw new ExecutionControl.StoppedException();
        }
        if (thrown[0] != null) {
            lastThrown = thrown[0];
            return throwConvertedInvocationException(thrown[0]);
        }
        lastValue = result[0];
        return valueString(result[0]);
    }

    @SuppressWarnings("removal")
    private static boolean isStop(Throwable t) {
        return t instanceof ThreadDeath;
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
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
