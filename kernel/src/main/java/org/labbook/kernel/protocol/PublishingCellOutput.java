package org.labbook.kernel.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.labbook.kernel.api.MimeBundle;
import org.labbook.kernel.engine.CellOutput;

/**
 * The output of one running cell: streams and displays go to iopub as they happen, parented to the cell's
 * execute_request; input is asked for on stdin. A silent cell publishes nothing.
 *
 * <p>Stream text is coalesced as ipykernel does: what a cell prints within {@link #FLUSH_INTERVAL_MS} leaves as one
 * stream message, not one per line, so a loop printing ten thousand lines costs the front end a handful of
 * messages to decode. Order is kept: pending text is sent before anything else this cell publishes (a display, a
 * clear, an input request, text of the other stream) and before the cell's result and reply.
 */
final class PublishingCellOutput implements CellOutput {
    /** How long printed text may wait to be joined by more; ipykernel waits 200 ms. */
    static final long FLUSH_INTERVAL_MS = 50;
    /** Pending text beyond this leaves at once, so that one message stays a size a front end handles well. */
    static final int MAX_PENDING_CHARS = 1024 * 1024;
    private static final ScheduledExecutorService FLUSHER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "labbook-stream-flush");
        thread.setDaemon(true);
        return thread;
    });

    private final Message request;
    private final MessageFactory messages;
    private final MessageTransport transport;
    private final InputReplies inputs;
    private final boolean silent;
    private final boolean allowStdin;
    /** Guarded by this: text printed but not yet published, all of one stream. */
    private final StringBuilder pending = new StringBuilder();
    private String pendingName;
    private boolean flushScheduled;

    PublishingCellOutput(Message request, MessageFactory messages, MessageTransport transport, InputReplies inputs,
                         boolean silent, boolean allowStdin) {
        this.request = request;
        this.messages = messages;
        this.transport = transport;
        this.inputs = inputs;
        this.silent = silent;
        this.allowStdin = allowStdin;
    }

    @Override
    public void stream(String name, String text) {
        if (silent || text.isEmpty()) {
            return;
        }
        synchronized (this) {
            if (pendingName != null && !pendingName.equals(name)) {
                flushStreams();
            }
            pendingName = name;
            pending.append(text);
            if (pending.length() >= MAX_PENDING_CHARS) {
                flushStreams();
            } else if (!flushScheduled) {
                flushScheduled = true;
                FLUSHER.schedule(this::flushStreams, FLUSH_INTERVAL_MS, TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * Publishes the pending stream text now. Sending under the lock keeps messages in the order they were
     * printed when the timer and the cell's thread flush at the same moment.
     */
    synchronized void flushStreams() {
        flushScheduled = false;
        if (pending.isEmpty()) {
            return;
        }
        ObjectNode content = Json.object();
        content.put("name", pendingName);
        content.put("text", pending.toString());
        pending.setLength(0);
        // A large buffer is not kept alive between bursts of output.
        if (pending.capacity() > MAX_PENDING_CHARS) {
            pending.trimToSize();
        }
        transport.send(Channel.IOPUB, messages.publish(request, "stream", content));
    }

    @Override
    public void display(MimeBundle bundle, String displayId, boolean update) {
        if (silent) {
            return;
        }
        flushStreams();
        ObjectNode content = Bundles.toJson(bundle);
        ObjectNode transientPart = content.putObject("transient");
        if (displayId != null) {
            transientPart.put("display_id", displayId);
        }
        transport.send(Channel.IOPUB,
                messages.publish(request, update ? "update_display_data" : "display_data", content));
    }

    @Override
    public void clearOutput(boolean wait) {
        if (silent) {
            return;
        }
        flushStreams();
        ObjectNode content = Json.object();
        content.put("wait", wait);
        transport.send(Channel.IOPUB, messages.publish(request, "clear_output", content));
    }

    @Override
    public String readInput(String prompt, boolean password) {
        if (!allowStdin) {
            throw new IllegalStateException("This front end does not accept input requests (allow_stdin is false);"
                    + " give the value in the cell instead of reading it.");
        }
        flushStreams();
        CompletableFuture<String> reply = inputs.expect();
        ObjectNode content = Json.object();
        content.put("prompt", prompt);
        content.put("password", password);
        transport.send(Channel.STDIN, messages.toSender(request, "input_request", content));
        try {
            return reply.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for input");
        } catch (ExecutionException e) {
            throw new CancellationException("input request cancelled: " + e.getCause().getMessage());
        }
    }
}
