package org.labbook.kernel.eval;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.labbook.kernel.api.CellOutcome;
import org.labbook.kernel.api.MimeBundle;
import org.labbook.kernel.engine.CellOutput;
import org.labbook.kernel.engine.Completion;
import org.labbook.kernel.engine.Evaluator;
import org.labbook.kernel.engine.ExecutionRequest;
import org.labbook.kernel.engine.ExecutionResult;
import org.labbook.kernel.engine.ExpressionValue;
import org.labbook.kernel.engine.Inspection;
import org.labbook.kernel.engine.IsComplete;
import org.labbook.kernel.eval.display.DisplayRegistry;
import org.labbook.kernel.eval.magic.MagicRegistry;

/**
 * Runs cells in a JShell inside the kernel's JVM. JShell takes longer to start than a kernel may take to
 * answer kernel_info, so {@link #create()} returns at once and boots JShell (warm-up, extensions, startup
 * snippets) on a background thread; every request waits for that boot to finish.
 */
public final class JShellEvaluator implements Evaluator {
    private final EvaluatorSession session;
    private final CompletableFuture<CellEngine> engine = new CompletableFuture<>();
    private final CompletableFuture<Void> ready;
    private volatile CodeAssist assist;

    private JShellEvaluator() {
        // Empty until boot: loading the chart and table classes for the built-in renderers takes time that
        // kernel_info must not wait for.
        DisplayRegistry displays = new DisplayRegistry();
        session = new EvaluatorSession(engine, displays);
        SessionBinding.started(session);
        StandardStreams.install();
        ready = CompletableFuture.runAsync(() -> boot(displays), runnable -> {
            Thread thread = new Thread(runnable, "labbook-jshell-boot");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** Returns at once; JShell boots in the background and the first request waits for it. */
    public static Evaluator create() {
        return new JShellEvaluator();
    }

    private void boot(DisplayRegistry displays) {
        // Charts and images render off-screen; without this AWT would look for a display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        try {
            displays.registerBuiltIns();
            CellEngine booted = new CellEngine(UserShell.start(), new MagicRegistry(), displays, session);
            booted.warmUp();
            assist = new CodeAssist(booted.shell(), booted.magics(), booted::prepareAllImports);
            // Published before extensions load, so an extension may already use its session while registering.
            engine.complete(booted);
            booted.loadExtensions();
        } catch (RuntimeException | Error e) {
            engine.completeExceptionally(e);
            throw e;
        }
    }

    private CellEngine engine() {
        try {
            ready.join();
            return engine.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("JShell failed to start: " + e.getCause(), e.getCause());
        }
    }

    /** The session cells and extensions see; for tests and for the kernel's own use. */
    public org.labbook.kernel.api.KernelSession session() {
        return session;
    }

    @Override
    public ExecutionResult execute(ExecutionRequest request, CellOutput output) {
        return engine().execute(request, output);
    }

    @Override
    public void aborted(ExecutionRequest request) {
        engine().aborted(request);
    }

    @Override
    public Map<String, ExpressionValue> userExpressions(Map<String, String> expressions) {
        CellEngine cells = engine();
        Map<String, ExpressionValue> values = new LinkedHashMap<>();
        expressions.forEach((name, expression) -> {
            JavaRunner.Run run = cells.runQuietly(expression);
            if (run.outcome() instanceof CellOutcome.Error error) {
                values.put(name, new ExpressionValue.Failure(error));
            } else if (run.outcome() instanceof CellOutcome.Ok) {
                MimeBundle bundle = run.hasValue() ? session.render(run.value()) : MimeBundle.text("");
                values.put(name, new ExpressionValue.Value(bundle));
            } else {
                values.put(name, new ExpressionValue.Failure(
                        new CellOutcome.Error("Interrupted", "evaluation was interrupted", java.util.List.of())));
            }
        });
        return values;
    }

    @Override
    public Completion complete(String code, int cursorPos) {
        engine();
        return assist.complete(code, cursorPos);
    }

    @Override
    public Inspection inspect(String code, int cursorPos, int detailLevel) {
        engine();
        return assist.inspect(code, cursorPos, detailLevel);
    }

    @Override
    public IsComplete isComplete(String code) {
        engine();
        return assist.isComplete(code);
    }

    /** Safe from any thread; before JShell is up there is nothing to stop. */
    @Override
    public void interrupt() {
        CellEngine running = engine.getNow(null);
        if (running != null) {
            running.java().requestStop();
        }
    }

    @Override
    public void close() {
        try {
            CellEngine running = engine();
            running.close();
        } catch (IllegalStateException e) {
            // JShell never started: nothing to release.
        } finally {
            SessionBinding.closed(session);
        }
    }
}
