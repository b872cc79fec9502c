package org.labbook.kernel.protocol;

/**
 * Where {@link KernelProtocol}'s execution thread takes shell requests from, one at a time in arrival order.
 * Over ZeroMQ it is the shell socket itself, read by the execution thread, so a request reaches the thread that
 * runs it, and its reply leaves, without a hand-off between threads; in process it is a queue.
 */
public interface ShellInbox {
    /** Waits for the next request; null once the kernel is stopping. */
    Message take();

    /** The next request if one has already arrived, else null; does not wait. */
    Message poll();

    /** Called by the execution thread when it ends, for whatever reason; no request is taken after. */
    default void close() {
    }
}
