package org.labbook.kernel.api;

/**
 * A subcommand of the {@code labbook} command line contributed by another module (for example
 * {@code labbook reproduce RUN}), found with {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/org.labbook.kernel.api.CommandLineExtension}.
 *
 * <p>The object returned by {@link #command()} is a picocli {@code @Command}-annotated {@code Callable<Integer>}
 * or {@code Runnable}; its name is the subcommand's name.
 */
public interface CommandLineExtension {

    /** A fresh picocli command object. */
    Object command();
}
