package org.labbook.kernel.protocol;

/**
 * Where {@link KernelProtocol} sends its messages: ZeroMQ sockets, or an in-process client. Called from any
 * thread (the execution thread, a cell's threads, the thread serving control); implementations must not block
 * on the network.
 */
@FunctionalInterface
public interface MessageTransport {
    void send(Channel channel, Message message);
}
