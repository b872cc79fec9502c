package org.labbook.kernel.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns messages into ZeroMQ frames and back: {@code identities..., <IDS|MSG>, signature, header, parent_header,
 * metadata, content, buffers...}.
 */
public final class WireCodec {
    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private static final int JSON_FRAMES = 4;

    private final MessageSigner signer;
    private final SignatureHistory accepted = new SignatureHistory(SignatureHistory.DEFAULT_CAPACITY);

    public WireCodec(MessageSigner signer) {
        this.signer = signer;
    }

    public List<byte[]> encode(Message message) {
        byte[] header = write(message.header());
        byte[] parent = write(message.parentHeader());
        byte[] metadata = write(message.metadata());
        byte[] content = write(message.content());
        List<byte[]> frames = new ArrayList<>(message.identities().size() + 6 + message.buffers().size());
        frames.addAll(message.identities());
        frames.add(DELIMITER);
        frames.add(signer.sign(header, parent, metadata, content).getBytes(StandardCharsets.US_ASCII));
        frames.add(header);
        frames.add(parent);
        frames.add(metadata);
        frames.add(content);
        frames.addAll(message.buffers());
        return frames;
    }

    public Message decode(List<byte[]> frames) throws MalformedMessageException {
        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0) {
            throw new MalformedMessageException("no <IDS|MSG> delimiter among " + frames.size() + " frames");
        }
        int first = delimiter + 2;
        if (frames.size() < first + JSON_FRAMES) {
            throw new MalformedMessageException("truncated: " + (frames.size() - delimiter - 1)
                    + " frames after the delimiter, a message needs a signature and 4 JSON frames");
        }
        byte[] header = frames.get(first);
        byte[] parent = frames.get(first + 1);
        byte[] metadata = frames.get(first + 2);
        byte[] content = frames.get(first + 3);
        if (!signer.verify(frames.get(delimiter + 1), header, parent, metadata, content)) {
            throw new MalformedMessageException("wrong HMAC signature");
        }
        // Checked after the signature: only a validly signed message may take a place in the history.
        if (signer.enabled() && !accepted.firstTime(frames.get(delimiter + 1))) {
            throw new MalformedMessageException("a replay: a message with this signature was already accepted");
        }
        ObjectNode headerNode = readObject(header, "header");
        if (!headerNode.path("msg_type").isTextual()) {
            throw new MalformedMessageException("header has no msg_type");
        }
        return new Message(frames.subList(0, delimiter), headerNode, readObject(parent, "parent_header"),
                readObject(metadata, "metadata"), readObject(content, "content"),
                frames.subList(first + JSON_FRAMES, frames.size()));
    }

    private static ObjectNode readObject(byte[] frame, String part) throws MalformedMessageException {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(frame);
        } catch (IOException e) {
            throw new MalformedMessageException(part + " is not valid JSON");
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return Json.object();
        }
        if (!(node instanceof ObjectNode object)) {
            throw new MalformedMessageException(part + " is not a JSON object");
        }
        return object;
    }

    private static byte[] write(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
