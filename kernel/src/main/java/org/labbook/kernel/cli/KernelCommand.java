package org.labbook.kernel.cli;

import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.labbook.kernel.engine.Evaluator;
import org.labbook.kernel.eval.JShellEvaluator;
import org.labbook.kernel.protocol.ConnectionInfo;
import org.labbook.kernel.protocol.KernelProtocol;
import org.labbook.kernel.protocol.MessageFactory;
import org.labbook.kernel.protocol.ZmqKernelServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Serves one Jupyter client over ZeroMQ until it asks the kernel to shut down. */
@Command(name = "kernel", description = "Run the kernel for a Jupyter client (the kernelspec starts this).")
final class KernelCommand implements Callable<Integer> {
    /** How long closing JShell and the extensions may take before the process exits anyway. */
    private static final long CLOSE_WAIT_MS = 5000;
    /** How long the last replies (the shutdown_reply) may take to leave once everything is closed. */
    private static final long FLUSH_WAIT_MS = 2000;

    @Option(names = "--connection-file", required = true, paramLabel = "FILE",
            description = "The connection file Jupyter wrote ({connection_file} in kernel.json).")
    Path connectionFile;

    /** Runs as {@code labbook kernel --connection-file FILE}; problems print one line, as the parsed command does. */
    static int runFromKernelspec(Path connectionFile) {
        KernelCommand command = new KernelCommand();
        command.connectionFile = connectionFile;
        try {
            return command.call();
        } catch (CliException e) {
            System.err.println("labbook kernel: " + e.getMessage());
            return e.exitCode();
        } catch (Exception e) {
            System.err.println("labbook kernel: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 1;
        }
    }

    @Override
    public Integer call() throws Exception {
        ConnectionInfo info;
        try {
            info = ConnectionInfo.read(connectionFile);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        ZmqKernelServer server;
        try {
            server = ZmqKernelServer.bind(info);
        } catch (IllegalStateException e) {
            throw CliException.failed(e.getMessage());
        }
        // Sockets are bound before JShell starts, so kernel_info is answered while JShell boots in the background.
        Evaluator evaluator = JShellEvaluator.create();
        KernelProtocol protocol = new KernelProtocol(evaluator, server, server.shellInbox(),
                new MessageFactory(UUID.randomUUID().toString()), restart -> server.stop());
        Interrupts.onSigint(protocol::interrupt);
        protocol.start();
        server.start(protocol::receive);
        server.awaitStopped();
        closeWithin(protocol, CLOSE_WAIT_MS);
        server.awaitTerminated(FLUSH_WAIT_MS);
        return 0;
    }

    /** Closes on a helper thread so a stuck extension cannot keep the process from exiting. */
    private static void closeWithin(AutoCloseable closeable, long millis) throws InterruptedException {
        Thread closer = new Thread(() -> {
            try {
                closeable.close();
            } catch (Exception e) {
                System.err.println("labbook: closing the session failed: " + e);
            }
        }, "labbook-close");
        closer.setDaemon(true);
        closer.start();
        closer.join(millis);
    }
}
