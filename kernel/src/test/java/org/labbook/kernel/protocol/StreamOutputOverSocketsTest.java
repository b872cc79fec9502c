package org.labbook.kernel.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labbook.kernel.eval.JShellEvaluator;
import org.labbook.kernel.testing.KernelHarness;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * A cell printing a lot, read by a subscriber on iopub over real sockets: every byte arrives, in order, in far fewer
 * stream messages than lines.
 */
class StreamOutputOverSocketsTest {
    private static final int WAIT_MS = 120_000;
    private static final String KEY = "stream-test-key";

    private ZMQ.Context clientContext;
    private ZmqKernelServer server;
    private KernelProtocol protocol;
    private ConnectionInfo info;
    private ZMQ.Socket shell;
    private ZMQ.Socket iopub;
    private final WireCodec codec = new WireCodec(new MessageSigner(KEY));
    private final MessageFactory client = new MessageFactory("client");

    @BeforeEach
    void startKernel() throws Exception {
        info = new ConnectionInfo("tcp", "127.0.0.1", freePort(), freePort(), freePort(), freePort(), freePort(),
                KEY, "hmac-sha256");
        server = ZmqKernelServer.bind(info, SocketLimits.standard());
        protocol = new KernelProtocol(JShellEvaluator.create(), server, server.shellInbox(),
                new MessageFactory(UUID.randomUUID().toString()), restart -> server.stop());
        protocol.start();
        server.start(protocol::receive);
        clientContext = ZMQ.context(1);
        shell = clientContext.socket(SocketType.DEALER);
        shell.setLinger(0);
        shell.setReceiveTimeOut(WAIT_MS);
        shell.connect(info.endpoint(info.shellPort()));
        iopub = clientContext.socket(SocketType.SUB);
        iopub.setLinger(0);
        iopub.subscribe(new byte[0]);
        iopub.connect(info.endpoint(info.iopubPort()));
        awaitSubscription();
    }

    @AfterEach
    void stopKernel() throws InterruptedException {
        server.stop();
        server.awaitStopped();
        protocol.close();
        shell.close();
        iopub.close();
        clientContext.term();
    }

    @Test
    void tenThousandPrintedLinesArriveInOrderInFewMessages() throws Exception {
        Printed printed = run("for (int i = 0; i < 10000; i++) System.out.println(\"line \" + i);");

        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 10000; i++) {
            expected.append("line ").append(i).append('\n');
        }
        assertThat(printed.text()).isEqualTo(expected.toString());
        assertThat(printed.messages()).as("stream messages for 10,000 lines").isLessThan(1000);
    }

    @Test
    void hundredMegabytesPrintedArriveEveryByteInOrder() throws Exception {
        // 1,048,576 numbered lines of 100 bytes: any loss, duplicate or reordering changes the digest.
        int lines = 1 << 20;
        Printed printed = run("String pad = \"x\".repeat(91);\n"
                + "for (int i = 0; i < " + lines + "; i++) System.out.println(String.format(\"%08d\", i) + pad);");

        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        String pad = "x".repeat(91);
        for (int i = 0; i < lines; i++) {
            expected.update((String.format("%08d", i) + pad + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(printed.bytes()).isEqualTo(100L * lines);
        assertThat(printed.sha256()).isEqualTo(HexFormat.of().formatHex(expected.digest()));
    }

    private record Printed(String text, long bytes, String sha256, int messages) {
    }

    /** Runs the code and reads iopub until the cell's idle status, joining its stdout. */
    private Printed run(String code) throws Exception {
        Message request = new Message(List.of(), client.header("execute_request"), Json.object(), Json.object(),
                KernelHarness.executeContent(code), List.of());
        sendFrames(shell, codec.encode(request));
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        StringBuilder text = new StringBuilder();
        long bytes = 0;
        int messages = 0;
        iopub.setReceiveTimeOut(WAIT_MS);
        while (true) {
            Message message = receive(iopub);
            assertThat(message).as("iopub within the wait").isNotNull();
            if (!message.parentHeader().path("msg_id").asText().equals(request.msgId())) {
                continue;
            }
            if (message.msgType().equals("stream")) {
                assertThat(message.content().path("name").asText()).isEqualTo("stdout");
                byte[] chunk = message.content().path("text").asText().getBytes(StandardCharsets.UTF_8);
                digest.update(chunk);
                bytes += chunk.length;
                messages++;
                if (text.length() < 1_000_000) {
                    text.append(message.content().path("text").asText());
                }
            } else if (message.msgType().equals("error")) {
                throw new AssertionError("the cell failed: " + message.content());
            } else if (message.msgType().equals("status")
                    && message.content().path("execution_state").asText().equals("idle")) {
                break;
            }
        }
        Message reply = receive(shell);
        assertThat(reply.content().path("status").asText()).isEqualTo("ok");
        return new Printed(text.toString(), bytes, HexFormat.of().formatHex(digest.digest()), messages);
    }

    private void awaitSubscription() throws Exception {
        // A subscription takes effect asynchronously: ask until the first status arrives.
        iopub.setReceiveTimeOut(200);
        while (true) {
            Message request = new Message(List.of(), client.header("kernel_info_request"), Json.object(),
                    Json.object(), Json.object(), List.of());
            sendFrames(shell, codec.encode(request));
            receive(shell);
            Message status = receive(iopub);
            if (status != null && status.parentHeader().path("msg_id").asText().equals(request.msgId())) {
                // Drain the idle that follows.
                receive(iopub);
                return;
            }
        }
    }

    private Message receive(ZMQ.Socket socket) throws MalformedMessageException {
        byte[] first = socket.recv();
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv());
        }
        return codec.decode(frames);
    }

    private static void sendFrames(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size() - 1; i++) {
            socket.sendMore(frames.get(i));
        }
        socket.send(frames.get(frames.size() - 1));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
