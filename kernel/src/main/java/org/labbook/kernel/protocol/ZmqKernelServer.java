package org.labbook.kernel.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The kernel's ZeroMQ sockets. ZeroMQ sockets must not be used by two threads at once, and every hand-off
 * between threads costs a wake-up on the way of a cell's round trip, so each socket has one owner:
 * <ul>
 * <li>shell belongs to the execution thread, which reads requests from it ({@link #shellInbox()}) and sends
 *     their replies itself, waiting in a {@link ZMQ.Poller} while no request is there;</li>
 * <li>control and stdin belong to the I/O thread, which serves them with a poller that sleeps until a socket
 *     has work; what other threads send there (an input request from a cell) reaches it over an inproc
 *     PUSH/PULL pipe;</li>
 * <li>iopub is only ever sent on, so any thread publishes on it directly, one message at a time under a lock
 *     (which also gives ZeroMQ the memory barrier it asks for when a socket changes threads);</li>
 * <li>the heartbeat has its own thread, so it answers even while a cell runs.</li>
 * </ul>
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
    /** Tells the shell's owner to close it: the I/O thread pushes, the execution thread pulls. */
    private final ZMQ.Socket shellStopOut;
    private final ZMQ.Socket shellStopIn;
    private final String heartbeatEndpoint;
    private final SocketLimits limits;
    /** Read by the I/O thread: reports connections that ZeroMQ closed. */
    private final SocketMonitors monitors;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile Thread ioThread;
    /** Guarded by pipeOut: set once the sockets are closed; later sends are dropped. */
    private boolean closed;
    /** Guarded by iopub. */
    private boolean iopubClosed;
    /** Guards the shell socket's hand-over: its owner (the thread reading it) and whether it is closed. */
    private final Object shellLock = new Object();
    private Thread shellOwner;
    private boolean shellClosed;

    private ZmqKernelServer(ConnectionInfo info, SocketLimits limits) {
        KernelLog.capture();
        this.limits = limits;
        context = ZMQ.context(1);
        codec = new WireCodec(new MessageSigner(info.key()));
        if (info.key().isEmpty() && !Loopback.isLoopback(info)) {
            KernelLog.line("warning: the connection file has an empty key, so messages are not signed, and the"
                    + " kernel listens on " + info.ip() + ", which is not a loopback address: anyone who reaches"
                    + " that address can run code here. Give the connection file a key, or bind to 127.0.0.1.");
        }
        shell = bind(SocketType.ROUTER, info.endpoint(info.shellPort()));
        control = bind(SocketType.ROUTER, info.endpoint(info.controlPort()));
        stdin = bind(SocketType.ROUTER, info.endpoint(info.stdinPort()));
        iopub = bind(SocketType.PUB, info.endpoint(info.iopubPort()));
        // PUB drops messages beyond its high-water mark. Stream output is coalesced into a few messages a second,
        // so a high finite mark loses nothing a live front end would read, yet a stalled one cannot grow the queue
        // without bound.
        iopub.setSndHWM(limits.iopubHighWaterMark());
        monitors = new SocketMonitors(context, limits.maxMessageBytes());
        monitors.watch(shell, Channel.SHELL);
        monitors.watch(control, Channel.CONTROL);
        monitors.watch(stdin, Channel.STDIN);
        String pipe = "inproc://labbook-outbound-" + System.identityHashCode(this);
        pipeIn = bind(SocketType.PULL, pipe);
        pipeIn.setRcvHWM(0);
        pipeOut = context.socket(SocketType.PUSH);
        pipeOut.setSndHWM(0);
        pipeOut.setLinger(0);
        pipeOut.connect(pipe);
        String shellStop = "inproc://labbook-shell-stop-" + System.identityHashCode(this);
        shellStopIn = bind(SocketType.PULL, shellStop);
        shellStopOut = context.socket(SocketType.PUSH);
        shellStopOut.setLinger(0);
        shellStopOut.connect(shellStop);
        heartbeatEndpoint = info.endpoint(info.hbPort());
    }

    /**
     * Binds every socket of the connection file with the limits the environment sets ({@link SocketLimits}); a
     * port in use or a bad limit is one line of {@link IllegalStateException}.
     */
    public static ZmqKernelServer bind(ConnectionInfo info) {
        SocketLimits limits;
        try {
            limits = SocketLimits.from(System.getenv());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage());
        }
        return bind(info, limits);
    }

    public static ZmqKernelServer bind(ConnectionInfo info, SocketLimits limits) {
        return new ZmqKernelServer(info, limits);
    }

    /**
     * Starts the heartbeat and I/O threads; {@code receiver} gets every valid control and stdin message, on the
     * I/O thread. Shell requests are read through {@link #shellInbox()}.
     */
    public void start(BiConsumer<Channel, Message> receiver) {
        Thread heartbeat = new Thread(this::echoHeartbeats, "labbook-heartbeat");
        heartbeat.setDaemon(true);
        heartbeat.start();
        Thread io = new Thread(() -> serve(receiver), "labbook-io");
        io.setDaemon(true);
        ioThread = io;
        io.start();
    }

    /** The shell socket as the execution thread reads it: the first thread to take from it owns it. */
    public ShellInbox shellInbox() {
        return new SocketInbox();
    }

    @Override
    public void send(Channel channel, Message message) {
        List<byte[]> frames = codec.encode(message);
        if (channel == Channel.IOPUB) {
            synchronized (iopub) {
                if (!iopubClosed) {
                    sendOrLog(iopub, channel, message, frames);
                }
            }
            return;
        }
        if (channel == Channel.SHELL) {
            synchronized (shellLock) {
                if (shellClosed) {
                    return;
                }
                if (Thread.currentThread() != shellOwner) {
                    throw new IllegalStateException("shell messages are sent by the thread that reads shell requests");
                }
            }
            sendOrLog(shell, channel, message, frames);
            return;
        }
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

    /** A send that fails (the context closing under the kernel's feet) loses that message, not the thread. */
    private static void sendOrLog(ZMQ.Socket socket, Channel channel, Message message, List<byte[]> frames) {
        try {
            sendFrames(socket, frames);
        } catch (ZMQException e) {
            KernelLog.line("could not send " + message.msgType() + " on " + channel.wireName() + ": " + e.getMessage());
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

    /**
     * Waits until the I/O thread has closed its sockets and told the shell's owner to close shell (after
     * {@link #stop}); a cell that is still running keeps shell open until it ends.
     */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    /**
     * Waits, at most {@code millis}, until every socket is closed and the replies still queued (the
     * shutdown_reply) went out; true if that happened in time.
     */
    public boolean awaitTerminated(long millis) throws InterruptedException {
        return terminated.await(millis, TimeUnit.MILLISECONDS);
    }

    private void serve(BiConsumer<Channel, Message> receiver) {
        ZMQ.Poller poller = context.poller(6);
        int controlIndex = poller.register(control, ZMQ.Poller.POLLIN);
        int stdinIndex = poller.register(stdin, ZMQ.Poller.POLLIN);
        int pipeIndex = poller.register(pipeIn, ZMQ.Poller.POLLIN);
        monitors.register(poller);
        boolean running = true;
        try {
            while (running && !Thread.currentThread().isInterrupted()) {
                poller.poll(-1);
                // Control first: an interrupt or shutdown must not wait behind other traffic.
                if (poller.pollin(controlIndex)) {
                    receiveAll(control, Channel.CONTROL, receiver);
                }
                if (poller.pollin(stdinIndex)) {
                    receiveAll(stdin, Channel.STDIN, receiver);
                }
                if (poller.pollin(pipeIndex)) {
                    running = forwardOutbound();
                }
                monitors.report(poller);
            }
        } catch (ZMQException e) {
            KernelLog.line("the sockets failed: " + e.getMessage());
        } finally {
            poller.close();
            closeAll();
        }
    }

    private void receiveAll(ZMQ.Socket socket, Channel channel, BiConsumer<Channel, Message> receiver) {
        List<byte[]> frames;
        while ((frames = receiveFrames(socket, ZMQ.DONTWAIT)) != null) {
            Message message = decode(frames, channel);
            if (message == null) {
                continue;
            }
            try {
                receiver.accept(channel, message);
            } catch (RuntimeException e) {
                KernelLog.line("failed to handle " + message.msgType() + " on " + channel.wireName() + ": " + e);
            }
        }
    }

    /** The message in {@code frames}, or null (logged) when it is malformed or wrongly signed. */
    private Message decode(List<byte[]> frames, Channel channel) {
        try {
            return codec.decode(frames);
        } catch (MalformedMessageException e) {
            KernelLog.line("dropped a message on " + channel.wireName() + ": " + e.getMessage());
            return null;
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

    /** The I/O thread's sockets; shell and iopub never come this way (see {@link #send}). */
    private ZMQ.Socket socketFor(Channel channel) {
        return switch (channel) {
            case CONTROL -> control;
            case STDIN -> stdin;
            case SHELL, IOPUB ->
                    throw new IllegalStateException(channel.wireName() + " is not sent through the I/O thread");
        };
    }

    private void echoHeartbeats() {
        ZMQ.Socket heartbeat;
        try {
            heartbeat = context.socket(SocketType.REP);
        } catch (ZMQException | zmq.ZError.CtxTerminatedException e) {
            // Stopped before this thread got going: nothing to answer.
            return;
        }
        heartbeat.setLinger(0);
        heartbeat.setMaxMsgSize(limits.maxMessageBytes());
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

    /** On the I/O thread, once it stops serving. */
    private void closeAll() {
        monitors.close();
        for (ZMQ.Socket socket : List.of(control, stdin, pipeIn)) {
            socket.close();
        }
        synchronized (iopub) {
            iopubClosed = true;
            iopub.close();
        }
        synchronized (pipeOut) {
            closed = true;
            pipeOut.close();
        }
        synchronized (shellLock) {
            if (shellOwner == null) {
                // No thread ever read shell: nobody else will close it.
                closeShell();
            } else {
                shellStopOut.send(STOP);
            }
        }
        shellStopOut.close();
        stopped.countDown();
        try {
            // Waits for the shell's owner to close it, for queued replies to go out (bounded by the linger) and
            // for the heartbeat to end.
            context.term();
        } finally {
            terminated.countDown();
        }
    }

    /** Guarded by shellLock; on the shell's owner, or on the I/O thread when it has none. */
    private void closeShell() {
        if (!shellClosed) {
            shellClosed = true;
            shell.close();
            shellStopIn.close();
        }
    }

    /** The shell socket read by its owner, the first thread that takes from it. */
    private final class SocketInbox implements ShellInbox {
        private final ReadTroubles troubles = new ReadTroubles();
        private ZMQ.Poller poller;
        private int stopIndex;

        @Override
        public Message take() {
            synchronized (shellLock) {
                if (shellClosed) {
                    return null;
                }
                if (shellOwner == null) {
                    shellOwner = Thread.currentThread();
                    poller = context.poller(2);
                    poller.register(shell, ZMQ.Poller.POLLIN);
                    stopIndex = poller.register(shellStopIn, ZMQ.Poller.POLLIN);
                }
                requireOwner();
            }
            // Only the stop signal or the context closing ends the reading: anything else that goes wrong here is
            // logged and the kernel goes on serving, since a kernel that no longer reads shell looks alive to its
            // front end (heartbeat, control) yet never answers again.
            while (true) {
                try {
                    Message waiting = poll();
                    if (waiting != null) {
                        troubles.reset();
                        return waiting;
                    }
                    // An interrupt meant for a cell can outlive it; left set, it would make every wait return at once.
                    Thread.interrupted();
                    int ready = poller.poll(-1);
                    if (poller.pollin(stopIndex)) {
                        break;
                    }
                    if (ready < 0) {
                        int errno = shell.errno();
                        if (errno == ZMQ.Error.ETERM.getCode()) {
                            break;
                        }
                        troubles.report("waiting for shell requests failed (ZeroMQ error " + errno + ")");
                    }
                } catch (ZMQException e) {
                    if (e.getErrorCode() == ZMQ.Error.ETERM.getCode()) {
                        break;
                    }
                    troubles.report("reading shell failed: " + e.getMessage());
                } catch (RuntimeException e) {
                    troubles.report("reading shell failed: " + e);
                }
            }
            close();
            return null;
        }

        @Override
        public void close() {
            synchronized (shellLock) {
                if (poller != null && Thread.currentThread() == shellOwner) {
                    poller.close();
                    poller = null;
                    closeShell();
                }
            }
        }

        @Override
        public Message poll() {
            synchronized (shellLock) {
                if (shellClosed) {
                    return null;
                }
                requireOwner();
            }
            List<byte[]> frames;
            while ((frames = receiveFrames(shell, ZMQ.DONTWAIT)) != null) {
                Message message = decode(frames, Channel.SHELL);
                if (message != null) {
                    return message;
                }
            }
            return null;
        }

        private void requireOwner() {
            if (Thread.currentThread() != shellOwner) {
                throw new IllegalStateException("shell requests are taken by one thread, " + shellOwner.getName());
            }
        }
    }

    /**
     * What went wrong while reading shell, logged with how often, and a pause that grows while it keeps going
     * wrong, so a failure that repeats cannot spin a core or flood the log.
     */
    private static final class ReadTroubles {
        private static final long MAX_PAUSE_MS = 1_000;
        private int inARow;

        void report(String what) {
            inARow++;
            if (Long.bitCount(inARow) == 1) {
                // 1st, 2nd, 4th, 8th… time in a row.
                KernelLog.line(what + (inARow > 1 ? " (" + inARow + " times in a row)" : "")
                        + "; the kernel goes on reading shell requests.");
            }
            try {
                Thread.sleep(Math.min(MAX_PAUSE_MS, 1L << Math.min(inARow, 10)));
            } catch (InterruptedException e) {
                // Cleared before the next wait anyway.
            }
        }

        void reset() {
            inARow = 0;
        }
    }

    private ZMQ.Socket bind(SocketType type, String endpoint) {
        ZMQ.Socket socket = context.socket(type);
        socket.setLinger(LINGER_MS);
        // Set before bind so that it holds for every connection: ZeroMQ reserves what a frame header claims.
        socket.setMaxMsgSize(limits.maxMessageBytes());
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
