package org.labbook.tracking;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.labbook.tracking.context.RunContext;
import org.labbook.tracking.context.RunContextProvider;
import org.labbook.tracking.spi.RunStore;
import org.labbook.tracking.spi.Validation;

/**
 * Calls the {@link RunContextProvider}s of one tracker: their start hooks on a background thread (git
 * status of a large tree must not delay the training loop), their end hooks on the thread that ends the
 * run. A provider that throws leaves one tag on the run and the others go on.
 */
final class RunContextHooks implements AutoCloseable {
    static final String WARNING_PREFIX = "labbook.context.";
    static final String WARNING_SUFFIX = ".error";

    private final List<RunContextProvider> providers;
    private final ExecutorService executor;

    RunContextHooks(List<RunContextProvider> providers) {
        this.providers = List.copyOf(providers);
        this.executor = this.providers.isEmpty() ? null : Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "labbook-run-context");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The providers on the classpath that {@code options} leaves on; unknown names in it are reported. */
    static RunContextHooks load(TrackerOptions options, Consumer<String> report) {
        List<RunContextProvider> found = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of("all", "system"));
        try {
            for (RunContextProvider provider : ServiceLoader.load(RunContextProvider.class, RunContextHooks.class.getClassLoader())) {
                names.add(provider.name());
                if (options.contextEnabled(provider.name())) {
                    found.add(provider);
                }
            }
        } catch (ServiceConfigurationError e) {
            report.accept("Labbook could not load a run context provider (" + e.getMessage() + "); runs go on without it.");
        }
        names.addAll(SystemMetricsSampler.sourceNames());
        for (String name : options.contextDisabled()) {
            if (!names.contains(name)) {
                report.accept("Unknown run context provider '" + Validation.shorten(name) + "' in "
                        + ContextSettings.DISABLE_VARIABLE + ": the known ones are " + String.join(", ", names.stream().distinct().toList())
                        + ". It is ignored.");
            }
        }
        return new RunContextHooks(found);
    }

    List<RunContextProvider> providers() {
        return providers;
    }

    /** Starts the providers' start hooks for a new run; the returned future completes when all ran. */
    CompletableFuture<Void> started(RunStore store, RunInfo info) {
        if (providers.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        RunContext context = context(store, info);
        return CompletableFuture.runAsync(() -> {
            for (RunContextProvider provider : providers) {
                guarded(store, info.id(), provider, () -> provider.started(context));
            }
        }, executor);
    }

    /**
     * Waits (at most until {@code deadline}) for the start hooks, then runs the end hooks. A start hook
     * still running then is left behind with a warning, so a hung capture cannot keep a run from ending.
     */
    void ended(RunStore store, RunInfo info, CompletableFuture<Void> start, RunStatus status, long deadlineNanos) {
        if (providers.isEmpty()) {
            return;
        }
        try {
            start.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            warn(store, info.id(), "start", "did not finish before the run ended");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // guarded() catches everything a provider throws; nothing else runs in the task.
        }
        RunContext context = context(store, info);
        for (RunContextProvider provider : providers) {
            guarded(store, info.id(), provider, () -> provider.ended(context, status));
        }
    }

    private static RunContext context(RunStore store, RunInfo info) {
        return new RunContext(store, info.id(), info.name(), info.experimentName(), System.getenv(),
                Path.of("").toAbsolutePath());
    }

    private interface Hook {
        void run() throws Exception;
    }

    private static void guarded(RunStore store, String runId, RunContextProvider provider, Hook hook) {
        try {
            hook.run();
        } catch (Exception | LinkageError | AssertionError e) {
            String message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            warn(store, runId, provider.name(), "failed (" + message + "); the run went on without it");
        }
    }

    /** One tag per provider, so a failing provider shows in {@code %track show} and in searches. */
    private static void warn(RunStore store, String runId, String name, String text) {
        String key = WARNING_PREFIX + name + WARNING_SUFFIX;
        String value = "Run context provider '" + name + "' " + text;
        try {
            store.setTag(runId, new Tag(key, value.length() > Validation.MAX_TAG_VALUE_LENGTH
                    ? value.substring(0, Validation.MAX_TAG_VALUE_LENGTH) : value));
        } catch (RuntimeException ignored) {
            // The store refuses even a tag: the run's own writes will report the trouble.
        }
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
