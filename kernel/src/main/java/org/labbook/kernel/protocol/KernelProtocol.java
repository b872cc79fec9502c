package org.labbook.kernel.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import org.labbook.kernel.api.CellOutcome;
import org.labbook.kernel.api.MimeBundle;
import org.labbook.kernel.engine.Evaluator;
import org.labbook.kernel.engine.ExecutionRequest;
import org.labbook.kernel.engine.ExecutionResult;
import org.labbook.kernel.engine.ExpressionValue;
import org.labbook.kernel.engine.Inspection;

/**
 * The Jupyter protocol side of the kernel: it counts, publishes and replies; the {@link Evaluator} only
 * evaluates, completes and inspects. It runs the same over ZeroMQ and in-process, because all it sees is
 * {@link #receive} and a {@link MessageTransport}.
 *
 * <p>Threads: shell requests run one at a time on the execution thread, in arrival order, taken from a
 * {@link ShellInbox}; control requests (interrupt, shutdown, kernel_info) run at once on the thread that
 * delivers them, so they are never queued behind a running cell; stdin replies complete the pending input
 * request.
 */
public final class KernelProtocol implements AutoCloseable {

    /** Told after the shutdown_reply went out; the owner stops the transport and exits. */
    @FunctionalInterface
    public interface ShutdownListener {
        void shutdownRequested(boolean restart);
    }

    /**
     * What control serves, on the thread that receives it. Anything else (an execute_request above all) would
     * block that thread, and with it interrupts, for as long as it runs.
     */
    private static final Set<String> CONTROL_REQUESTS =
            Set.of("kernel_info_request", "interrupt_request", "shutdown_request");

    private final Evaluator evaluator;
    private final MessageTransport transport;
    private final MessageFactory messages;
    private final ShutdownListener shutdownListener;
    private final SessionHistory history = new SessionHistory();
    private final InputReplies inputs = new InputReplies();
    private final IntrospectionReplies introspection;
    private final ShellInbox inbox;
    /** Where {@link #receive} puts shell requests when no inbox was given; null otherwise. */
    private final LinkedBlockingQueue<Message> shellQueue;
    private final Thread executionThread;

    // Owned by the execution thread.
    private int executionCount;
    /** Requests that were waiting when a cell failed with stop_on_error; served (executions aborted) next. */
    private List<Message> waitingBehindFailure = List.of();

    /** A protocol whose shell requests arrive through {@link #receive}, as an in-process client sends them. */
    public KernelProtocol(Evaluator evaluator, MessageTransport transport, MessageFactory messages,
                          ShutdownListener shutdownListener) {
        this(evaluator, transport, null, messages, shutdownListener);
    }

    /**
     * A protocol whose execution thread takes shell requests from {@code inbox} (null: from {@link #receive}).
     */
    public KernelProtocol(Evaluator evaluator, MessageTransport transport, ShellInbox inbox, MessageFactory messages,
                          ShutdownListener shutdownListener) {
        this.evaluator = evaluator;
        this.transport = transport;
        this.shellQueue = inbox == null ? new LinkedBlockingQueue<>() : null;
        this.inbox = inbox == null ? new QueueInbox(shellQueue) : inbox;
        this.messages = messages;
        this.shutdownListener = shutdownListener;
        this.introspection = new IntrospectionReplies(evaluator);
        this.executionThread = new Thread(this::runShellQueue, "labbook-execution");
        this.executionThread.setDaemon(true);
    }

    /** Publishes status "starting" and begins serving shell requests. */
    public void start() {
        publishStatus(null, "starting");
        executionThread.start();
    }

    /** Hands over a message that arrived on {@code channel}. Returns at once for shell requests. */
    public void receive(Channel channel, Message message) {
        switch (channel) {
            case SHELL -> {
                if (shellQueue != null) {
                    shellQueue.add(message);
                } else {
                    log("ignored a " + message.msgType() + " handed over directly; shell requests come from the inbox");
                }
            }
            case CONTROL -> handle(Channel.CONTROL, message);
            case STDIN -> {
                if (message.msgType().equals("input_reply")) {
                    inputs.received(message);
                } else {
                    log("ignored a " + message.msgType() + " on stdin; only input_reply is expected there");
                }
            }
            case IOPUB -> log("ignored a " + message.msgType() + " sent to iopub, which clients only read");
        }
    }

    /**
     * Stops the running cell and closes the evaluator. The execution thread ends when its inbox has no more
     * requests: the transport stopped, or (for requests handed to {@link #receive}) now.
     */
    @Override
    public void close() {
        interrupt();
        if (shellQueue != null) {
            // Only a thread waiting on the queue is interrupted: one reading a socket must not be (an interrupt
            // makes ZeroMQ fail the send that is under way).
            executionThread.interrupt();
        }
        evaluator.close();
    }

    private void runShellQueue() {
        try {
            for (Message request; (request = inbox.take()) != null; ) {
                handle(Channel.SHELL, request);
                List<Message> waiting = waitingBehindFailure;
                waitingBehindFailure = List.of();
                for (Message next : waiting) {
                    if (next.msgType().equals("execute_request")) {
                        abort(next);
                    } else {
                        handle(Channel.SHELL, next);
                    }
                }
            }
        } finally {
            inbox.close();
        }
    }

    /**
     * A cell failed with stop_on_error: takes the requests already waiting, before the failure is replied to
     * (so nothing sent after the client saw the error counts), for their executions to be answered aborted.
     */
    private void takeWaitingBehindFailure() {
        List<Message> waiting = new ArrayList<>();
        for (Message next; (next = inbox.poll()) != null; ) {
            waiting.add(next);
        }
        waitingBehindFailure = waiting;
    }

    private void handle(Channel channel, Message request) {
        boolean shutdown = false;
        boolean restart = false;
        publishStatus(request, "busy");
        try {
            if (channel == Channel.CONTROL && !CONTROL_REQUESTS.contains(request.msgType())) {
                log("ignored a " + request.msgType() + " on control; only kernel_info, interrupt and shutdown"
                        + " requests are served there, send it on shell");
                return;
            }
            switch (request.msgType()) {
                case "kernel_info_request" -> reply(channel, request, "kernel_info_reply", KernelInfo.content());
                case "execute_request" -> execute(channel, request);
                case "complete_request" ->
                        reply(channel, request, "complete_reply", introspection.complete(request.content()));
                case "inspect_request" ->
                        reply(channel, request, "inspect_reply", introspection.inspect(request.content()));
                case "is_complete_request" ->
                        reply(channel, request, "is_complete_reply", introspection.isComplete(request.content()));
                case "history_request" -> reply(channel, request, "history_reply", history.reply(request.content()));
                case "comm_info_request" -> reply(channel, request, "comm_info_reply", commInfo());
                case "comm_open" -> refuseComm(request);
                case "comm_msg", "comm_close" -> {
                    // No comm is ever open (comm_open is refused), so there is nothing to deliver them to.
                }
                case "interrupt_request" -> {
                    interrupt();
                    reply(channel, request, "interrupt_reply", Replies.ok());
                }
                case "shutdown_request" -> {
                    restart = request.content().path("restart").asBoolean(false);
                    ObjectNode content = Replies.ok();
                    content.put("restart", restart);
                    reply(channel, request, "shutdown_reply", content);
                    shutdown = true;
                }
                default -> log("ignored unknown message type '" + request.msgType() + "' on " + channel.wireName()
                        + "; the protocol lets a kernel leave requests it does not handle unanswered");
            }
        } catch (RuntimeException e) {
            log("failed to serve " + request.msgType() + ": " + e);
            if (request.msgType().endsWith("_request")) {
                String replyType = request.msgType().replace("_request", "_reply");
                reply(channel, request, replyType,
                        Replies.error(new CellOutcome.Error(e.getClass().getName(), String.valueOf(e.getMessage()),
                                List.of())));
            }
        } finally {
            publishStatus(request, "idle");
        }
        if (shutdown) {
            shutdownListener.shutdownRequested(restart);
        }
    }

    /** Stops the running cell: called for interrupt_request and for SIGINT. */
    public void interrupt() {
        evaluator.interrupt();
        inputs.cancel();
    }

    private void execute(Channel channel, Message request) {
        JsonNode content = request.content();
        String code = content.path("code").asText("");
        boolean silent = content.path("silent").asBoolean(false);
        // The spec: silent forces store_history to false.
        boolean storeHistory = !silent && content.path("store_history").asBoolean(true);
        boolean allowStdin = content.path("allow_stdin").asBoolean(true);
        boolean stopOnError = content.path("stop_on_error").asBoolean(true);
        if (storeHistory) {
            executionCount++;
        }
        int count = executionCount;
        if (!silent) {
            ObjectNode input = Json.object();
            input.put("code", code);
            input.put("execution_count", count);
            publish(request, "execute_input", input);
        }
        Optional<String> cellId = Optional.ofNullable(request.metadata().path("cellId").textValue());
        ExecutionRequest cell = new ExecutionRequest(count, cellId, code, silent, storeHistory, allowStdin,
                Instant.now());
        PublishingCellOutput output = new PublishingCellOutput(request, messages, transport, inputs, silent,
                allowStdin);

        List<ObjectNode> payload = List.of();
        ExecutionResult result;
        Optional<PagerRequest> pager = PagerRequest.parse(code);
        if (pager.isPresent()) {
            Inspection page = evaluator.inspect(pager.get().expression(), pager.get().expression().length(),
                    pager.get().detailLevel());
            payload = page.found().map(bundle -> List.of(pagePayload(bundle))).orElse(List.of());
            result = new ExecutionResult(Optional.empty(), page.found().isPresent() ? new CellOutcome.Ok()
                    : new CellOutcome.Error("NotFound", "Nothing is known about '" + pager.get().expression()
                    + "'; '?' after a name, type or expression shows its documentation.", List.of()));
        } else {
            try {
                result = evaluator.execute(cell, output);
            } finally {
                // What the cell printed goes out before its result, error and reply.
                output.flushStreams();
            }
        }

        if (!silent && result.value().isPresent()) {
            ObjectNode value = Bundles.toJson(result.value().get());
            value.put("execution_count", count);
            publish(request, "execute_result", value);
        }
        if (storeHistory) {
            history.add(count, code, result.value().map(MimeBundle::plainText));
        }

        ObjectNode reply;
        CellOutcome.Error failure = failureOf(result.outcome());
        if (failure == null) {
            reply = Replies.ok();
            reply.set("user_expressions", userExpressions(content.path("user_expressions")));
            ArrayNode payloadNode = reply.putArray("payload");
            payload.forEach(payloadNode::add);
        } else {
            if (stopOnError) {
                takeWaitingBehindFailure();
            }
            if (!silent) {
                publish(request, "error", Replies.errorFields(failure));
            }
            reply = Replies.error(failure);
            reply.putObject("user_expressions");
            reply.putArray("payload");
        }
        reply.put("execution_count", count);
        reply(channel, request, "execute_reply", reply);
    }

    /** The error to report for a cell's outcome, or null when it succeeded. */
    private static CellOutcome.Error failureOf(CellOutcome outcome) {
        if (outcome instanceof CellOutcome.Error error) {
            return error;
        }
        if (outcome instanceof CellOutcome.Interrupted interrupted) {
            if (!interrupted.note().isEmpty()) {
                return new CellOutcome.Error("Interrupted", interrupted.note(),
                        List.of("Interrupted: " + interrupted.note()));
            }
            return new CellOutcome.Error("Interrupted", "The cell was interrupted before it finished.",
                    List.of("Interrupted: the cell was stopped before it finished."));
        }
        if (outcome instanceof CellOutcome.Aborted) {
            return new CellOutcome.Error("Aborted", "The cell was not run.", List.of());
        }
        return null;
    }

    private void abort(Message request) {
        publishStatus(request, "busy");
        try {
            JsonNode content = request.content();
            boolean silent = content.path("silent").asBoolean(false);
            evaluator.aborted(new ExecutionRequest(executionCount,
                    Optional.ofNullable(request.metadata().path("cellId").textValue()),
                    content.path("code").asText(""), silent,
                    !silent && content.path("store_history").asBoolean(true),
                    content.path("allow_stdin").asBoolean(true), Instant.now()));
            ObjectNode reply = Json.object();
            reply.put("status", "aborted");
            reply.put("execution_count", executionCount);
            reply(Channel.SHELL, request, "execute_reply", reply);
        } finally {
            publishStatus(request, "idle");
        }
    }

    private ObjectNode userExpressions(JsonNode requested) {
        ObjectNode values = Json.object();
        if (!requested.isObject() || requested.isEmpty()) {
            return values;
        }
        Map<String, String> expressions = new LinkedHashMap<>();
        requested.fields().forEachRemaining(e -> expressions.put(e.getKey(), e.getValue().asText("")));
        evaluator.userExpressions(expressions).forEach((name, value) -> {
            if (value instanceof ExpressionValue.Value v) {
                ObjectNode bundle = Bundles.toJson(v.bundle());
                bundle.put("status", "ok");
                values.set(name, bundle);
            } else if (value instanceof ExpressionValue.Failure f) {
                values.set(name, Replies.error(f.error()));
            }
        });
        return values;
    }

    private static ObjectNode commInfo() {
        // The registry is empty, so any target_name filter finds nothing.
        ObjectNode reply = Replies.ok();
        reply.putObject("comms");
        return reply;
    }

    /** The spec: a comm_open for a target the kernel does not know is answered at once with comm_close. */
    private void refuseComm(Message request) {
        log("refused comm_open for unknown target '" + request.content().path("target_name").asText("")
                + "'; this kernel registers no comm targets");
        ObjectNode close = Json.object();
        close.put("comm_id", request.content().path("comm_id").asText(""));
        close.putObject("data");
        publish(request, "comm_close", close);
    }

    private static ObjectNode pagePayload(MimeBundle bundle) {
        ObjectNode page = Json.object();
        page.put("source", "page");
        page.set("data", Json.MAPPER.valueToTree(bundle.data()));
        page.put("start", 0);
        return page;
    }

    private void reply(Channel channel, Message request, String type, ObjectNode content) {
        transport.send(channel, messages.reply(request, type, content));
    }

    private void publish(Message parent, String type, ObjectNode content) {
        transport.send(Channel.IOPUB, messages.publish(parent, type, content));
    }

    private void publishStatus(Message parent, String state) {
        ObjectNode content = Json.object();
        content.put("execution_state", state);
        publish(parent, "status", content);
    }

    private static void log(String line) {
        KernelLog.line(line);
    }

    /** Shell requests handed to {@link #receive}, for an in-process client. */
    private record QueueInbox(LinkedBlockingQueue<Message> queue) implements ShellInbox {
        @Override
        public Message take() {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                return null;
            }
        }

        @Override
        public Message poll() {
            return queue.poll();
        }
    }
}
