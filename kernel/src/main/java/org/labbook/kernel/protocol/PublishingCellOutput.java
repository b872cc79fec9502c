package org.labbook.kernel.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.labbook.kernel.api.MimeBundle;
import org.labbook.kernel.engine.CellOutput;

/**
 * The output of one running cell: streams and displays go to iopub as they happen, parented to the cell's
 * execute_request; input is asked for on stdin. A silent cell publishes nothing.
 */
final class PublishingCellOutput implements CellOutput {
    private final Message request;
    private final MessageFactory messages;
    private final MessageTransport transport;
    private final InputReplies inputs;
    private final boolean silent;
    private final boolean allowStdin;

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
        ObjectNode content = Json.object();
        content.put("name", name);
        content.put("text", text);
        transport.send(Channel.IOPUB, messages.publish(request, "stream", content));
    }

    @Override
    public void display(MimeBundle bundle, String displayId, boolean update) {
        if (silent) {
            return;
        }
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
