package org.labbook.kernel.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Builds the kernel's messages: fresh headers in this kernel's session, parented to the request they answer. */
public final class MessageFactory {
    public static final String PROTOCOL_VERSION = "5.3";

    private final String session;
    // Message ids as jupyter_client makes them: a random prefix per factory and a counter. Unique like a UUID
    // each, without a SecureRandom read (and its lock) for every message of a cell.
    private final String idPrefix = UUID.randomUUID().toString().replace("-", "").substring(0, 16) + "_";
    private final AtomicLong nextId = new AtomicLong();

    public MessageFactory(String session) {
        this.session = session;
    }

    public String session() {
        return session;
    }

    /** A reply on the request's channel, routed back to the client that sent the request. */
    public Message reply(Message request, String msgType, ObjectNode content) {
        return new Message(request.identities(), header(msgType), request.header(), Json.object(), content,
                List.of());
    }

    /** A message on iopub (or stdin) about {@code parent}; the topic is the message type, as ipykernel does. */
    public Message publish(Message parent, String msgType, ObjectNode content) {
        return new Message(List.of(msgType.getBytes(StandardCharsets.UTF_8)), header(msgType),
                parent == null ? Json.object() : parent.header(), Json.object(), content, List.of());
    }

    /** A message sent to the client that made {@code parent}, e.g. an input_request on stdin. */
    public Message toSender(Message parent, String msgType, ObjectNode content) {
        return new Message(parent.identities(), header(msgType), parent.header(), Json.object(), content, List.of());
    }

    public ObjectNode header(String msgType) {
        ObjectNode header = Json.object();
        header.put("msg_id", idPrefix + nextId.incrementAndGet());
        header.put("session", session);
        header.put("username", "kernel");
        header.put("date", Instant.now().toString());
        header.put("msg_type", msgType);
        header.put("version", PROTOCOL_VERSION);
        return header;
    }
}
