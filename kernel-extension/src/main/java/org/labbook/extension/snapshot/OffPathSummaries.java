package org.labbook.extension.snapshot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Renders variables' values with their own {@code toString}, on the writer's thread rather than the cell's, within
 * a time budget. On the cell's path the kernel only reads cheap texts (type and size, see
 * {@code org.labbook.kernel.api.ValueText}); a user's object gets its full text here, or keeps the cheap one with a
 * note when its {@code toString} is slow or fails. Not thread-safe: the writer thread owns it.
 */
public final class OffPathSummaries implements AutoCloseable {
    /** How long one value's toString may take. */
    static final Duration PER_VALUE = Duration.ofMillis(200);
    /** How long all the values of one cell may take together; the rest keep their cheap text. */
    static final Duration PER_CELL = Duration.ofSeconds(1);

    private ExecutorService renderer = newRenderer();

    /** The changes with the summaries of {@code live} values replaced by their rendering where it came in time. */
    public StateChanges render(StateChanges changes, Map<String, Object> live) {
        if (live.isEmpty()) {
            return changes;
        }
        long deadline = System.nanoTime() + PER_CELL.toNanos();
        List<VariableRecord> variables = new ArrayList<>(changes.variables().size());
        for (VariableRecord variable : changes.variables()) {
            if (!live.containsKey(variable.name())) {
                variables.add(variable);
                continue;
            }
            long budget = Math.min(PER_VALUE.toNanos(), deadline - System.nanoTime());
            String summary = budget <= 0 ? variable.summary() : render(live.get(variable.name()), variable, budget);
            variables.add(new VariableRecord(variable.name(), variable.type(), summary));
        }
        return new StateChanges(variables, changes.imports(), changes.methods(), changes.types(),
                changes.classpath());
    }

    private String render(Object value, VariableRecord variable, long budgetNanos) {
        Future<String> text = renderer.submit(() -> String.valueOf(value));
        try {
            return text.get(budgetNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            text.cancel(true);
            // The thread may be stuck in the toString: leave it behind rather than queue later values after it.
            renderer.shutdownNow();
            renderer = newRenderer();
            return variable.summary() + " (toString took over " + TimeUnit.NANOSECONDS.toMillis(budgetNanos)
                    + " ms; not rendered)";
        } catch (ExecutionException e) {
            return variable.summary() + " (toString failed: " + e.getCause().getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return variable.summary();
        }
    }

    @Override
    public void close() {
        renderer.shutdownNow();
    }

    private static ExecutorService newRenderer() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "labbook-value-text");
            thread.setDaemon(true);
            return thread;
        });
    }
}
