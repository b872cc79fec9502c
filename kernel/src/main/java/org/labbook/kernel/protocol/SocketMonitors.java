package org.labbook.kernel.protocol;

import java.util.ArrayList;
import java.util.List;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * Reports the connections ZeroMQ closes on the kernel's request sockets. ZeroMQ closes a connection itself, before
 * any message reaches the kernel, when a frame claims more than the maximum message size; its monitor tells only
 * that the connection ended, not why, so the line names the possible reasons. Owned by the I/O thread, which polls
 * the monitor sockets next to control and stdin.
 */
final class SocketMonitors {
    private record Watched(Channel channel, ZMQ.Socket events) {
    }

    private final ZMQ.Context context;
    private final long maxMessageBytes;
    private final List<Watched> watched = new ArrayList<>();
    private final List<Integer> indexes = new ArrayList<>();

    SocketMonitors(ZMQ.Context context, long maxMessageBytes) {
        this.context = context;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Before the socket is used by its owner: ZeroMQ sets up monitoring on the socket itself. */
    void watch(ZMQ.Socket socket, Channel channel) {
        String endpoint = "inproc://labbook-monitor-" + channel.wireName() + "-" + System.identityHashCode(socket);
        socket.monitor(endpoint, ZMQ.EVENT_DISCONNECTED);
        ZMQ.Socket events = context.socket(SocketType.PAIR);
        events.setLinger(0);
        events.connect(endpoint);
        watched.add(new Watched(channel, events));
    }

    void register(ZMQ.Poller poller) {
        for (Watched w : watched) {
            indexes.add(poller.register(w.events(), ZMQ.Poller.POLLIN));
        }
    }

    /** Logs what the monitors reported since the last poll. */
    void report(ZMQ.Poller poller) {
        for (int i = 0; i < indexes.size(); i++) {
            if (!poller.pollin(indexes.get(i))) {
                continue;
            }
            Watched w = watched.get(i);
            ZMQ.Event event;
            while ((event = ZMQ.Event.recv(w.events(), ZMQ.DONTWAIT)) != null) {
                if (event.getEvent() == ZMQ.EVENT_DISCONNECTED) {
                    KernelLog.line("closed a connection on " + w.channel().wireName() + " (" + event.getAddress()
                            + "): the client left, broke the protocol, or sent a message over the limit of "
                            + maxMessageBytes + " bytes (" + SocketLimits.MAX_MESSAGE_BYTES
                            + "), which is dropped; the kernel goes on serving.");
                }
            }
        }
    }

    /** On the I/O thread, before the watched sockets close. */
    void close() {
        for (Watched w : watched) {
            w.events().close();
        }
    }
}
