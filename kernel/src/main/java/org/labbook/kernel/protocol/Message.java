package org.labbook.kernel.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One Jupyter message as it travels between the transport and {@link KernelProtocol}.
 *
 * @param identities   the ZeroMQ routing prefix (the client's identities on shell, control and stdin; the topic
 *                     on iopub)
 * @param header       msg_id, session, username, date, msg_type, version
 * @param parentHeader the header of the request this message answers, or an empty object
 * @param metadata     free-form metadata (e.g. {@code cellId} on an execute_request)
 * @param content      the body, whose shape depends on the message type
 * @param buffers      raw binary buffers after the content (comm messages may carry them)
 */
public record Message(List<byte[]> identities, ObjectNode header, ObjectNode parentHeader, ObjectNode metadata,
                      ObjectNode content, List<byte[]> buffers) {
    public Message {
        identities = List.copyOf(identities);
        buffers = List.copyOf(buffers);
    }

    public String msgType() {
        return header.path("msg_type").asText("");
    }

    public String msgId() {
        return header.path("msg_id").asText("");
    }
}
