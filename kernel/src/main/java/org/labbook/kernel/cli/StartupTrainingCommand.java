package org.labbook.kernel.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.labbook.kernel.protocol.ConnectionInfo;
import org.labbook.kernel.protocol.Json;
import org.labbook.kernel.protocol.MalformedMessageException;
import org.labbook.kernel.protocol.Message;
import org.labbook.kernel.protocol.MessageFactory;
import org.labbook.kernel.protocol.MessageSigner;
import org.labbook.kernel.protocol.WireCodec;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The training run of the start-up class-data archive ({@link StartupArchive}), run by {@code install} in a
 * scratch folder: a one-cell notebook as {@code labbook run} runs it, then a kernel over real sockets asked what a
 * front end asks a new kernel (kernel_info, a first cell, shutdown). Every class both load — JShell's compiler,
 * the extensions, ZeroMQ's TCP transport, the protocol and its signing — goes into the archive, so neither a
 * notebook run nor a kernel that Jupyter starts loads and verifies them again.
 */
@Command(name = "startup-training", hidden = true,
        description = "Run what the start-up archive is trained on (install does this; not for direct use).")
final class StartupTrainingCommand implements Callable<Integer> {
    private static final int WAIT_MS = 120_000;

    @Parameters(index = "0", paramLabel = "NOTEBOOK", description = "A one-cell notebook.")
    Path notebook;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Where the run notebook goes.")
    Path output;

    @Override
    public Integer call() throws Exception {
        int ran = LabbookCommand.execute("run", notebook.toString(), "--output", output.toString());
        if (ran != 0) {
            return ran;
        }
        return kernelRoundTrip(output.toAbsolutePath().getParent());
    }

    private static int kernelRoundTrip(Path folder) throws IOException, InterruptedException {
        String key = UUID.randomUUID().toString();
        ConnectionInfo info = new ConnectionInfo("tcp", "127.0.0.1", freePort(), freePort(), freePort(), freePort(),
                freePort(), key, "hmac-sha256");
        Path connectionFile = folder.resolve("training-connection.json");
        ObjectNode json = Json.object();
        json.put("transport", info.transport()).put("ip", info.ip()).put("shell_port", info.shellPort())
                .put("control_port", info.controlPort()).put("stdin_port", info.stdinPort())
                .put("iopub_port", info.iopubPort()).put("hb_port", info.hbPort()).put("key", key)
                .put("signature_scheme", info.signatureScheme());
        Files.writeString(connectionFile, json.toString());

        int[] exit = {-1};
        Thread kernel = new Thread(() -> exit[0] = KernelCommand.runFromKernelspec(connectionFile), "training-kernel");
        kernel.setDaemon(true);
        kernel.start();
        WireCodec codec = new WireCodec(new MessageSigner(key));
        MessageFactory client = new MessageFactory(UUID.randomUUID().toString());
        ZMQ.Context context = ZMQ.context(1);
        try {
            ZMQ.Socket shell = dealer(context, info, info.shellPort());
            ZMQ.Socket control = dealer(context, info, info.controlPort());
            ask(shell, codec, client, "kernel_info_request", Json.object());
            ObjectNode cell = Json.object().put("code", "1 + 1").put("silent", false).put("store_history", true)
                    .put("allow_stdin", false).put("stop_on_error", true);
            cell.set("user_expressions", Json.object());
            ask(shell, codec, client, "execute_request", cell);
            ask(control, codec, client, "shutdown_request", Json.object().put("restart", false));
            shell.close();
            control.close();
        } finally {
            context.term();
        }
        kernel.join(WAIT_MS);
        return exit[0];
    }

    /** Sends one request and waits for its reply; a reply that does not come fails the training. */
    private static void ask(ZMQ.Socket socket, WireCodec codec, MessageFactory client, String type,
            ObjectNode content) {
        Message request = new Message(List.of(), client.header(type), Json.object(), Json.object(), content,
                List.of());
        List<byte[]> frames = codec.encode(request);
        for (int i = 0; i < frames.size() - 1; i++) {
            socket.sendMore(frames.get(i));
        }
        socket.send(frames.get(frames.size() - 1));
        while (true) {
            byte[] first = socket.recv();
            if (first == null) {
                throw new IllegalStateException("no reply to " + type + " within " + WAIT_MS + " ms");
            }
            List<byte[]> reply = new ArrayList<>(List.of(first));
            while (socket.hasReceiveMore()) {
                reply.add(socket.recv());
            }
            try {
                if (codec.decode(reply).parentHeader().path("msg_id").asText().equals(request.msgId())) {
                    return;
                }
            } catch (MalformedMessageException e) {
                throw new IllegalStateException("a malformed reply to " + type + ": " + e.getMessage());
            }
        }
    }

    private static ZMQ.Socket dealer(ZMQ.Context context, ConnectionInfo info, int port) {
        ZMQ.Socket socket = context.socket(SocketType.DEALER);
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
}
