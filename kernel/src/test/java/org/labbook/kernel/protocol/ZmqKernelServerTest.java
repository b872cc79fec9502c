package org.labbook.kernel.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labbook.kernel.eval.JShellEvaluator;
import org.labbook.kernel.testing.KernelHarness;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/** The kernel over real ZeroMQ sockets, with a JeroMQ client playing the front end. */
class ZmqKernelServerTest {
    private static final int WAIT_MS = 30_000;
    private static final String KEY = "test-key";

    private ZMQ.Context clientContext;
    private ZmqKernelServer server;
    private KernelProtocol protocol;
    private ConnectionInfo info;
    private ZMQ.Socket shell;
    private ZMQ.Socket control;
    private final WireCodec codec = new WireCodec(new MessageSigner(KEY));
    private final MessageFactory client = new MessageFactory("client");

    @BeforeEach
    void startKernel() throws IOException {
        info = new ConnectionInfo("tcp", "127.0.0.1", freePort(), freePort(), freePort(), freePort(), freePort(),
                KEY, "hmac-sha256");
        server = ZmqKernelServer.bind(info);
        protocol = new KernelProtocol(JShellEvaluator.create(), server, server.shellInbox(),
                new MessageFactory(UUID.randomUUID().toString()), restart -> server.stop());
        protocol.start();
        server.start(protocol::receive);
        clientContext = ZMQ.context(1);
        shell = dealer(info.shellPort());
        control = dealer(info.controlPort());
    }

    @AfterEach
    void stopKernel() throws InterruptedException {
        server.stop();
        server.awaitStopped();
        protocol.close();
        shell.close();
        control.close();
        clientContext.term();
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
        return codec.decode(frames);
    }

    @Test
    void kernelInfoOverSocketsIsSignedAndAnswersItsRequest() throws Exception {
        Message request = request("kernel_info_request");
        sendFrames(shell, codec.encode(request));

        Message reply = receive(shell);

        assertThat(reply.msgType()).isEqualTo("kernel_info_reply");
        assertThat(reply.parentHeader().path("msg_id").asText()).isEqualTo(request.msgId());
        assertThat(reply.content().path("language_info").path("name").asText()).isEqualTo("java");
    }

    @Test
    void messagesWithWrongSignatureTruncationOrGarbageAreDroppedAndServingGoesOn() throws Exception {
        sendFrames(shell, new WireCodec(new MessageSigner("wrong-key")).encode(request("execute_request")));
        sendFrames(shell, codec.encode(request("kernel_info_request")).subList(0, 3));
        byte[] garbage = "{oops".getBytes(StandardCharsets.UTF_8);
        String garbageSignature = new MessageSigner(KEY).sign(garbage, garbage, garbage, garbage);
        sendFrames(shell, List.of(WireCodec.DELIMITER, garbageSignature.getBytes(StandardCharsets.US_ASCII),
                garbage, garbage, garbage, garbage));
        Message good = request("kernel_info_request");
        sendFrames(shell, codec.encode(good));

        Message reply = receive(shell);

        assertThat(reply.msgType()).isEqualTo("kernel_info_reply");
        assertThat(reply.parentHeader().path("msg_id").asText()).isEqualTo(good.msgId());
    }

    private Message execute(String code) {
        return new Message(List.of(), client.header("execute_request"), Json.object(), Json.object(),
                KernelHarness.executeContent(code), List.of());
    }

    @Test
    void executeRequestsWaitingOnTheShellSocketBehindAFailedCellAreAbortedAndLaterOnesRun() throws Exception {
        Message failing = execute("Thread.sleep(300);\nthrow new IllegalStateException(\"first\");");
        Message waiting = execute("1 + 1");
        sendFrames(shell, codec.encode(failing));
        sendFrames(shell, codec.encode(waiting));

        Message failed = receive(shell);
        Message aborted = receive(shell);
        Message later = execute("2 + 2");
        sendFrames(shell, codec.encode(later));
        Message ran = receive(shell);

        assertThat(failed.parentHeader().path("msg_id").asText()).isEqualTo(failing.msgId());
        assertThat(failed.content().path("status").asText()).isEqualTo("error");
        assertThat(aborted.parentHeader().path("msg_id").asText()).isEqualTo(waiting.msgId());
        assertThat(aborted.content().path("status").asText()).isEqualTo("aborted");
        assertThat(ran.parentHeader().path("msg_id").asText()).isEqualTo(later.msgId());
        assertThat(ran.content().path("status").asText()).isEqualTo("ok");
    }

    @Test
    void heartbeatEchoesWhatItReceives() {
        ZMQ.Socket heartbeat = clientContext.socket(SocketType.REQ);
        heartbeat.setLinger(0);
        heartbeat.setReceiveTimeOut(WAIT_MS);
        heartbeat.connect(info.endpoint(info.hbPort()));

        heartbeat.send("ping-1");

        assertThat(heartbeat.recvStr()).isEqualTo("ping-1");
        heartbeat.close();
    }

    @Test
    void iopubPublishesBusyAndIdleAroundARequest() throws Exception {
        ZMQ.Socket iopub = clientContext.socket(SocketType.SUB);
        iopub.setLinger(0);
        iopub.setReceiveTimeOut(WAIT_MS);
        iopub.subscribe(new byte[0]);
        iopub.connect(info.endpoint(info.iopubPort()));
        // A subscription takes effect asynchronously: ask until the first status arrives.
        Message request;
        Message status;
        iopub.setReceiveTimeOut(200);
        do {
            request = request("kernel_info_request");
            sendFrames(shell, codec.encode(request));
            receive(shell);
            byte[] topic = iopub.recv();
            status = null;
            if (topic != null) {
                List<byte[]> frames = new ArrayList<>(List.of(topic));
                while (iopub.hasReceiveMore()) {
                    frames.add(iopub.recv());
                }
                status = codec.decode(frames);
            }
        } while (status == null || !status.parentHeader().path("msg_id").asText().equals(request.msgId()));

        assertThat(status.msgType()).isEqualTo("status");
        assertThat(status.content().path("execution_state").asText()).isEqualTo("busy");
        iopub.close();
    }

    @Test
    void shutdownOnControlIsRepliedBeforeTheSocketsClose() throws Exception {
        Message shutdown = new Message(List.of(), client.header("shutdown_request"), Json.object(), Json.object(),
                Json.object().put("restart", false), List.of());
        sendFrames(control, codec.encode(shutdown));

        Message reply = receive(control);
        server.awaitStopped();

        assertThat(reply.msgType()).isEqualTo("shutdown_reply");
        assertThat(reply.content().path("restart").asBoolean()).isFalse();
    }
}
