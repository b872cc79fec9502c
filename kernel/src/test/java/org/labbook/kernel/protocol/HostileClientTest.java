package org.labbook.kernel.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labbook.kernel.eval.JShellEvaluator;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * Clients that misbehave on purpose, against the kernel over real sockets: a plain TCP client speaking just enough
 * ZMTP to claim a huge frame, and a client replaying a signed message. The kernel must go on answering others.
 */
class HostileClientTest {
    private static final int WAIT_MS = 30_000;
    private static final String KEY = "hostile-test-key";
    private static final long TWO_GIB = 2L * 1024 * 1024 * 1024;

    private ZMQ.Context clientContext;
    private ZmqKernelServer server;
    private KernelProtocol protocol;
    private ConnectionInfo info;
    private final WireCodec codec = new WireCodec(new MessageSigner(KEY));
    private final MessageFactory client = new MessageFactory("client");

    @BeforeEach
    void startKernel() throws IOException {
        info = new ConnectionInfo("tcp", "127.0.0.1", freePort(), freePort(), freePort(), freePort(), freePort(),
                KEY, "hmac-sha256");
        server = ZmqKernelServer.bind(info, SocketLimits.standard());
        protocol = new KernelProtocol(JShellEvaluator.create(), server, server.shellInbox(),
                new MessageFactory(UUID.randomUUID().toString()), restart -> server.stop());
        protocol.start();
        server.start(protocol::receive);
        clientContext = ZMQ.context(1);
    }

    @AfterEach
    void stopKernel() throws InterruptedException {
        server.stop();
        server.awaitStopped();
        protocol.close();
        clientContext.term();
    }

    @Test
    void framesClaimingGigabytesCloseTheirConnectionsAndKernelInfoIsStillAnswered() throws Exception {
        List<Socket> attackers = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                attackers.add(claimHugeFrame(i % 2 == 0 ? info.shellPort() : info.controlPort(), TWO_GIB));
            }
            for (Socket attacker : attackers) {
                assertThat(readsToEnd(attacker)).as("the kernel closes a connection claiming 2 GiB").isTrue();
            }
        } finally {
            for (Socket attacker : attackers) {
                attacker.close();
            }
        }

        // As jupyter_client's wait_for_ready does, a new client asks again until the kernel answers: a request
        // sent while ZeroMQ still tears down the attackers' connections may be lost with its connection.
        ZMQ.Socket shell = dealer(info.shellPort());
        try {
            shell.setReceiveTimeOut(WAIT_MS / 6);
            List<String> asked = new ArrayList<>();
            byte[] first = null;
            for (int attempt = 0; attempt < 6 && first == null; attempt++) {
                Message request = request("kernel_info_request");
                asked.add(request.msgId());
                sendFrames(shell, codec.encode(request));
                first = shell.recv();
            }
            assertThat(first).as("a kernel_info reply within " + WAIT_MS + " ms").isNotNull();
            List<byte[]> frames = new ArrayList<>(List.of(first));
            while (shell.hasReceiveMore()) {
                frames.add(shell.recv());
            }
            Message reply = new WireCodec(new MessageSigner(KEY)).decode(frames);
            assertThat(reply.msgType()).isEqualTo("kernel_info_reply");
            assertThat(asked).contains(reply.parentHeader().path("msg_id").asText());
        } finally {
            shell.close();
        }
    }

    @Test
    void aSignedMessageReplayedVerbatimIsDropped() throws Exception {
        ZMQ.Socket shell = dealer(info.shellPort());
        try {
            Message first = request("kernel_info_request");
            List<byte[]> frames = codec.encode(first);
            sendFrames(shell, frames);
            assertThat(receive(shell).parentHeader().path("msg_id").asText()).isEqualTo(first.msgId());

            sendFrames(shell, frames);
            Message fresh = request("kernel_info_request");
            sendFrames(shell, codec.encode(fresh));

            // Requests on one connection are answered in order: had the replay been served, its reply came first.
            Message next = receive(shell);
            assertThat(next.parentHeader().path("msg_id").asText()).isEqualTo(fresh.msgId());
        } finally {
            shell.close();
        }
    }

    /**
     * Opens a TCP connection, completes the ZMTP 3.0 NULL handshake as a DEALER, then sends the header of a
     * message frame claiming {@code size} bytes, and nothing more.
     */
    private static Socket claimHugeFrame(int port, long size) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(WAIT_MS);
        OutputStream out = socket.getOutputStream();
        ByteArrayOutputStream greeting = new ByteArrayOutputStream();
        greeting.write(new byte[]{(byte) 0xFF, 0, 0, 0, 0, 0, 0, 0, 1, 0x7F});
        greeting.write(new byte[]{3, 0});
        byte[] mechanism = new byte[20];
        System.arraycopy("NULL".getBytes(StandardCharsets.US_ASCII), 0, mechanism, 0, 4);
        greeting.write(mechanism);
        greeting.write(new byte[32]);
        out.write(greeting.toByteArray());

        ByteArrayOutputStream ready = new ByteArrayOutputStream();
        ready.write(5);
        ready.write("READY".getBytes(StandardCharsets.US_ASCII));
        byte[] name = "Socket-Type".getBytes(StandardCharsets.US_ASCII);
        byte[] value = "DEALER".getBytes(StandardCharsets.US_ASCII);
        ready.write(name.length);
        ready.write(name);
        ready.write(ByteBuffer.allocate(4).putInt(value.length).array());
        ready.write(value);
        out.write(0x04);
        out.write(ready.size());
        out.write(ready.toByteArray());

        out.write(0x02);
        out.write(ByteBuffer.allocate(8).putLong(size).array());
        out.flush();
        return socket;
    }

    /** True when the peer closes the connection within the wait; the kernel's greeting is read and ignored. */
    private static boolean readsToEnd(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            while (in.read(buffer) >= 0) {
                // The greeting and READY; then nothing until the kernel closes.
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            // A reset is a close too.
            return true;
        }
    }

    private ZMQ.Socket dealer(int port) {
        ZMQ.Socket socket = clientContext.socket(SocketType.DEALER);
        socket.setLinger(0);
        socket.setReceiveTimeOut(WAIT_MS);
        socket.connect(info.endpoint(port));
        return socket;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private Message request(String type) {
        return new Message(List.of(), client.header(type), Json.object(), Json.object(), Json.object(), List.of());
    }

    private static void sendFrames(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size() - 1; i++) {
            socket.sendMore(frames.get(i));
        }
        socket.send(frames.get(frames.size() - 1));
    }

    private Message receive(ZMQ.Socket socket) throws MalformedMessageException {
        List<byte[]> frames = new ArrayList<>();
        byte[] first = socket.recv();
        assertThat(first).as("a reply within the wait").isNotNull();
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv());
        }
        return new WireCodec(new MessageSigner(KEY)).decode(frames);
    }
}
