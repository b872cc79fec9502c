package org.labbook.kernel.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A client wired straight to a {@link KernelProtocol}, with no sockets: it is the protocol's transport and the
 * sender of its requests. {@code labbook run} executes notebooks through it, and tests drive the kernel with it.
 */
public final class InProcessClient implements MessageTransport {
    private static final byte[] IDENTITY = "in-process-client".getBytes(StandardCharsets.UTF_8);

    /** A request with its reply (none for comm messages and unknown types) and the iopub messages it caused. */
    public record Exchange(Message request, Optional<Message> reply, List<Message> iopub) {
        public Exchange {
            iopub = List.copyOf(iopub);
        }

        /** The reply's content; fails when there was no reply. */
        public ObjectNode replyContent() {
            return reply.orElseThrow(() -> new IllegalStateException("no reply to " + request.msgType())).content();
        }

        /** The iopub messages of one type, in order. */
        public List<Message> published(String msgType) {
            return iopub.stream().filter(m -> m.msgType().equals(msgType)).toList();
        }
    }

    private record Delivered(Channel channel, Message message) {
    }

    private final MessageFactory requests = new MessageFactory("in-process-client");
    private final List<Delivered> delivered = new ArrayList<>();
    private volatile KernelProtocol kernel;
    private volatile Function<Message, String> inputAnswer = request -> "";

    /** Connects the kernel whose transport this client is. */
    public void connect(KernelProtocol kernel) {
        this.kernel = kernel;
    }

    /** How input requests are answered (by default with an empty line). */
    public void answerInputWith(Function<Message, String> answer) {
        this.inputAnswer = answer;
    }

    @Override
    public void send(Channel channel, Message message) {
        if (channel == Channel.STDIN && message.msgType().equals("input_request")) {
            ObjectNode content = Json.object();
            content.put("value", inputAnswer.apply(message));
            kernel.receive(Channel.STDIN, new Message(List.of(IDENTITY), requests.header("input_reply"),
                    message.header(), Json.object(), content, List.of()));
        }
        synchronized (delivered) {
            delivered.add(new Delivered(channel, message));
            delivered.notifyAll();
        }
    }

    /** Sends a request and returns at once; collect its results with {@link #await}. */
    public Message submit(Channel channel, String msgType, ObjectNode content, ObjectNode metadata) {
        Message request = new Message(List.of(IDENTITY), requests.header(msgType), Json.object(), metadata, content,
                List.of());
        kernel.receive(channel, request);
        return request;
    }

    /** Sends a request and waits until the kernel is idle again after it. */
    public Exchange request(Channel channel, String msgType, ObjectNode content, Duration timeout)
            throws TimeoutException, InterruptedException {
        return await(submit(channel, msgType, content, Json.object()), timeout);
    }

    /**
     * Waits for the status idle that ends {@code request} and returns everything it caused; those messages are
     * then forgotten, so a long session does not accumulate them.
     */
    public Exchange await(Message request, Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String id = request.msgId();
        synchronized (delivered) {
            while (!idleSeen(id)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("no status idle for " + request.msgType() + " within " + timeout);
                }
                delivered.wait(Math.max(1, left / 1_000_000));
            }
            Message reply = null;
            List<Message> iopub = new ArrayList<>();
            for (Iterator<Delivered> it = delivered.iterator(); it.hasNext(); ) {
                Delivered d = it.next();
                if (!id.equals(d.message().parentHeader().path("msg_id").asText())) {
                    continue;
                }
                if (d.channel() == Channel.IOPUB) {
                    iopub.add(d.message());
                } else if (d.channel() != Channel.STDIN) {
                    reply = d.message();
                }
                it.remove();
            }
            return new Exchange(request, Optional.ofNullable(reply), iopub);
        }
    }

    /** Waits until {@code request} has published a message of {@code msgType} (e.g. a first "stream"). */
    public void awaitPublished(Message request, String msgType, Duration timeout)
            throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String id = request.msgId();
        synchronized (delivered) {
            while (delivered.stream().noneMatch(d -> d.channel() == Channel.IOPUB
                    && d.message().msgType().equals(msgType)
                    && id.equals(d.message().parentHeader().path("msg_id").asText()))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("no " + msgType + " for " + request.msgType() + " within " + timeout);
                }
                delivered.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    private boolean idleSeen(String id) {
        for (Delivered d : delivered) {
            Message m = d.message();
            if (d.channel() == Channel.IOPUB && m.msgType().equals("status")
                    && m.content().path("execution_state").asText().equals("idle")
                    && id.equals(m.parentHeader().path("msg_id").asText())) {
                return true;
            }
        }
        return false;
    }
}
