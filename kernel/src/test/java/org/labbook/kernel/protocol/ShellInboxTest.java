package org.labbook.kernel.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/** The shell socket as its reading thread sees it, over real sockets, with no evaluator behind it. */
class ShellInboxTest {
    private static final String KEY = "inbox-test-key";

    private ZMQ.Context clientContext;
    private ZmqKernelServer server;
    private ConnectionInfo info;
    private final WireCodec codec = new WireCodec(new MessageSigner(KEY));
    private final MessageFactory client = new MessageFactory("client");

    @BeforeEach
    void bind() throws IOException {
        info = new ConnectionInfo("tcp", "127.0.0.1", freePort(), freePort(), freePort(), freePort(), freePort(),
                KEY, "hmac-sha256");
        server = ZmqKernelServer.bind(info, SocketLimits.standard());
        server.start((channel, message) -> { });
        clientContext = ZMQ.context(1);
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.stop();
        server.awaitStopped();
        clientContext.term();
    }

    @Test
    void anInterruptLeftByACellDoesNotStopTheReadingAndTheStopSignalStillDoes() throws Exception {
        ShellInbox inbox = server.shellInbox();
        CompletableFuture<Message> first = new CompletableFuture<>();
        CompletableFuture<Message> afterStop = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            // As an interrupt_request that reached the execution thread just after its cell ended leaves it.
            Thread.currentThread().interrupt();
            first.complete(inbox.take());
            afterStop.complete(inbox.take());
        }, "test-shell-reader");
        reader.setDaemon(true);
        reader.start();

        ZMQ.Socket shell = clientContext.socket(SocketType.DEALER);
        try {
            shell.setLinger(0);
            shell.connect(info.endpoint(info.shellPort()));
            // Sent after the reader waited with its interrupt set.
            Thread.sleep(200);
            Message request = new Message(List.of(), client.header("kernel_info_request"), Json.object(),
                    Json.object(), Json.object(), List.of());
            List<byte[]> frames = codec.encode(request);
            for (int i = 0; i < frames.size() - 1; i++) {
                shell.sendMore(frames.get(i));
            }
            shell.send(frames.get(frames.size() - 1));

            Message taken = first.get(30, TimeUnit.SECONDS);
            assertThat(taken).as("the request, not the end of reading").isNotNull();
            assertThat(taken.msgId()).isEqualTo(request.msgId());
        } finally {
            shell.close();
        }

        server.stop();
        assertThat(afterStop.get(30, TimeUnit.SECONDS)).as("no request once the kernel stops").isNull();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
