package org.labbook.tracking.context;

import org.labbook.tracking.RunStatus;

/**
 * Adds to every run what it should know about its code and machine, without the caller writing a line
 * (git commit and diff, environment, CI job, ...). Implementations are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.labbook.tracking.context.RunContextProvider}): a CI job puts a module that
 * provides some on its classpath, and its runs record them.
 *
 * <p>{@link #started} runs on a background thread right after the run is created, so a slow capture (a
 * status of a large git tree) does not delay the training loop; ending the run waits for it. A provider
 * that throws leaves one warning on the run (the tag {@code labbook.context.NAME.error}) and never fails it.
 * Turn providers off by name with {@code LABBOOK_CONTEXT_DISABLE=git,ci} ({@code all} for every one) or
 * {@code TrackerOptions.withContextDisabled(...)}.
 */
public interface RunContextProvider {

    /** A short lower-case name, e.g. {@code git}, used to turn the provider off and in its warning. */
    String name();

    /** Adds what the run should know from its start. */
    void started(RunContext run) throws Exception;

    /** Adds what is known only at the end; called before the run is stored as ended. */
    default void ended(RunContext run, RunStatus status) throws Exception {
    }
}
