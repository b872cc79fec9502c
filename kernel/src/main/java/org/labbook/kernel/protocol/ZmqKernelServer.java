package org.labbook.kernel.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiConsumer;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The kernel's ZeroMQ sockets. One I/O thread owns shell, control, stdin and iopub and serves them with a
 * {@link ZMQ.Poller} that sleeps until a socket has work. Messages sent from other threads (the execution
 * thread, a cell's threads) travel to it as frames over an inproc PUSH/PULL pipe, because ZeroMQ sockets must
 * not be shared between threads. The heartbeat has its own thread, so it answers even while a cell runs.
 */
public final class ZmqKernelServer implements MessageTransport {
    private static final int LINGER_MS = 1000;
    private static final byte[] STOP = {(byte) 0xff};

    private final ZMQ.Context context;
    private final WireCodec codec;
    private final ZMQ.Socket shell;
    private final ZMQ.Socket control;
    private final ZMQ.Socket stdin;
    private final ZMQ.Socket iopub;
    private final ZMQ.Socket pipeIn;
    private final ZMQ.Socket pipeOut;
    private final String heartbeatEndpoint;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Thread ioThread;
    /** Guarded by pipeOut: set once the sockets are closed; later sends are dropped. */
    private boolean closed;

    private ZmqKernelServer(ConnectionInfo info) {
        KernelLog.capture();
        context = ZMQ.context(1);
        codec = new WireCodec(new MessageSigner(info.key()));
        shell = bind(SocketType.ROUTER, info.endpoint(info.shellPort()));
        control = bind(SocketType.ROUTER, info.endpoint(info.controlPort()));
        stdin = bind(SocketType.ROUTER, info.endpoint(info.stdinPort()));
        iopub = bind(SocketType.PUB, info.endpoint(info.iopubPort()));
        // A slow subscriber must not lose a cell's output: PUB drops messages beyond its high-water mark.
        iopub.setSndHWM(0);
        String pipe = "inproc://labbook-outbound-" + System.identityHashCode(this);
        pipeIn = bind(SocketType.PULL, pipe);
        pipeIn.setRcvHWM(0);
        pipeOut = context.socket(SocketType.PUSH);
        pipeOut.setSndHWM(0);
        pipeOut.setLinger(0);
        pipeOut.connect(pipe);
        heartbeatEndpoint = info.endpoint(info.hbPort());
    }

    /** Binds every socket of the connection file; a port in use is one line of {@link IllegalStateException}. */
    public static ZmqKernelServer bind(ConnectionInfo info) {
        return new ZmqKernelServer(info);
    }

    /** Starts the heartbeat and I/O threads; {@code receiver} gets every valid message, on the I/O thread. */
    public void start(BiConsumer<Channel, Message> receiver) {
        Thread heartbeat = new Thread(this::echoHeartbeats, "labbook-heartbeat");
        heartbeat.setDaemon(true);
        heartbeat.start();
        Thread io = new Thread(() -> serve(receiver), "labbook-io");
        io.setDaemon(true);
        ioThread = io;
        io.start();
    }

    @Override
    public void send(Channel channel, Message message) {
        List<byte[]> frames = codec.encode(message);
        if (Thread.currentThread() == ioThread) {
            // Only the I/O thread closes the sockets, so they are open while it runs.
            sendFrames(socketFor(channel), frames);
            return;
        }
        // The lock makes each multipart message atomic on the pipe and hands the socket between threads
        // with the memory barrier ZeroMQ asks for when a socket changes threads.
        synchronized (pipeOut) {
            if (closed) {
                return;
            }
            pipeOut.sendMore(new byte[]{(byte) channel.ordinal()});
            sendFrames(pipeOut, frames);
        }
    }

    /** Asks the I/O thread to send what is queued, close the sockets and stop. Returns at once. */
    public void stop() {
        synchronized (pipeOut) {
            if (!closed) {
                pipeOut.send(STOP);
            }
        }
    }

    /** Waits until the sockets are closed (after {@link #stop}). */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    private void serve(BiConsumer<Channel, Message> receiver) {
        ZMQ.Poller poller = context.poller(4);
        int shellIndex = poller.register(shell, ZMQ.Poller.POLLIN);
        int controlIndex = poller.register(control, ZMQ.Poller.POLLIN);
        int stdinIndex = poller.register(stdin, ZMQ.Poller.POLLIN);
        int pipeIndex = poller.register(pipeIn, ZMQ.Poller.POLLIN);
        boolean running = true;
        try {
            while (running && !Thread.currentThread().isInterrupted()) {
                poller.poll(-1);
                // Control first: an interrupt or shutdown must not wait behind other traffic.
                if (poller.pollin(controlIndex)) {
                    receiveAll(control, Channel.CONTROL, receiver);
                }
                if (poller.pollin(shellIndex)) {
                    receiveAll(shell, Channel.SHELL, receiver);
                }
                if (poller.pollin(stdinIndex)) {
                    receiveAll(stdin, Channel.STDIN, receiver);
                }
                if (poller.pollin(pipeIndex)) {
                    running = forwardOutbound();
                }
            }
        } catch (ZMQException e) {
            KernelLog.line("the sockets failed: " + e.getMessage());
        } finally {
            poller.close();
            closeAll();
            stopped.countDown();
        }
    }

    private void receiveAll(ZMQ.Socket socket, Channel channel, BiConsumer<Channel, Message> receiver) {
        List<byte[]> frames;
        while ((frames = receiveFrames(socket, ZMQ.DONTWAIT)) != null) {
            Message message;
            try {
                message = codec.decode(frames);
            } catch (MalformedMessageException e) {
                KernelLog.line("dropped a message on " + channel.wireName() + ": " + e.getMessage());
                continue;
            }
            try {
                receiver.accept(channel, message);
            } catch (RuntimeException e) {
                KernelLog.line("failed to handle " + message.msgType() + " on " + channel.wireName() + ": " + e);
            }
        }
    }

    /** Moves what other threads sent to its socket; false once the stop frame arrives. */
    private boolean forwardOutbound() {
        List<byte[]> frames;
        while ((frames = receiveFrames(pipeIn, ZMQ.DONTWAIT)) != null) {
            byte[] tag = frames.get(0);
            if (tag.length == 1 && tag[0] == STOP[0]) {
                return false;
            }
            sendFrames(socketFor(Channel.values()[tag[0]]), frames.subList(1, frames.size()));
        }
        return true;
    }

    private ZMQ.Socket socketFor(Channel channel) {
        return switch (channel) {
            case SHELL -> shell;
            case CONTROL -> control;
            case STDIN -> stdin;
            case IOPUB -> iopub;
        };
    }

    private void echoHeartbeats() {
        ZMQ.Socket heartbeat = context.socket(SocketType.REP);
        heartbeat.setLinger(0);
        try {
            heartbeat.bind(heartbeatEndpoint);
            while (true) {
                byte[] ping = heartbeat.recv(0);
                if (ping == null) {
                    break;
                }
                heartbeat.send(ping, 0);
            }
        } catch (ZMQException e) {
            // The context was terminated at shutdown: the heartbeat ends with it.
        } finally {
            heartbeat.close();
        }
    }

    private void closeAll() {
        for (ZMQ.Socket socket : List.of(shell, control, stdin, iopub, pipeIn)) {
            socket.close();
        }
        synchronized (pipeOut) {
            closed = true;
            pipeOut.close();
        }
        // Waits for queued replies to go out (bounded by the linger) and for the heartbeat to end.
        context.term();
    }

    private ZMQ.Socket bind(SocketType type, String endpoint) {
        ZMQ.Socket socket = context.socket(type);
        socket.setLinger(LINGER_MS);
        try {
            socket.bind(endpoint);
        } catch (ZMQException e) {
            throw new IllegalStateException("Cannot bind " + endpoint + " (" + e.getMessage()
                    + "): another process uses the port; let Jupyter pick fresh ports by restarting the kernel.");
        }
        return socket;
    }

    private static List<byte[]> receiveFrames(ZMQ.Socket socket, int flags) {
        byte[] first = socket.recv(flags);
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        return frames;
    }

    private static void sendFrames(ZMQ.Socket socket, List<byte[]> frames) {
        int last = frames.size() - 1;
        for (int i = 0; i < last; i++) {
            socket.sendMore(frames.get(i));
        }
        socket.send(frames.get(last), 0);
    }
}
