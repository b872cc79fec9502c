package org.labbook.kernel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireCodecTest {
    private final MessageFactory factory = new MessageFactory("session-1");

    private Message sample() {
        return new Message(List.of(bytes("client-a")), factory.header("kernel_info_request"), Json.object(),
                Json.object(), Json.object().put("x", "\uD83D\uDE00 ünï"), List.of(bytes("raw")));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void encodedMessageDecodesToTheSameMessage() throws Exception {
        WireCodec codec = new WireCodec(new MessageSigner("secret"));
        Message original = sample();

        Message decoded = codec.decode(codec.encode(original));

        assertThat(decoded.header()).isEqualTo(original.header());
        assertThat(decoded.content().path("x").asText()).isEqualTo("\uD83D\uDE00 ünï");
        assertThat(new String(decoded.identities().get(0), StandardCharsets.UTF_8)).isEqualTo("client-a");
        assertThat(new String(decoded.buffers().get(0), StandardCharsets.UTF_8)).isEqualTo("raw");
    }

    @Test
    void framesAreIdentitiesDelimiterSignatureAndFourJsonParts() {
        List<byte[]> frames = new WireCodec(new MessageSigner("secret")).encode(sample());

        assertThat(frames).hasSize(1 + 1 + 1 + 4 + 1);
        assertThat(new String(frames.get(1), StandardCharsets.US_ASCII)).isEqualTo("<IDS|MSG>");
        assertThat(new String(frames.get(2), StandardCharsets.US_ASCII)).matches("[0-9a-f]{64}");
    }

    @Test
    void messageWithAWrongSignatureIsRejected() {
        WireCodec codec = new WireCodec(new MessageSigner("secret"));
        List<byte[]> frames = new ArrayList<>(new WireCodec(new MessageSigner("other-key")).encode(sample()));

        assertThatThrownBy(() -> codec.decode(frames)).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("signature");
    }

    @Test
    void tamperedContentIsRejected() {
        WireCodec codec = new WireCodec(new MessageSigner("secret"));
        List<byte[]> frames = new ArrayList<>(codec.encode(sample()));
        frames.set(6, bytes("{\"x\":\"changed\"}"));

        assertThatThrownBy(() -> codec.decode(frames)).hasMessageContaining("signature");
    }

    @Test
    void truncatedMultipartIsRejected() {
        WireCodec codec = new WireCodec(new MessageSigner("secret"));
        List<byte[]> frames = codec.encode(sample()).subList(0, 5);

        assertThatThrownBy(() -> codec.decode(frames)).hasMessageContaining("truncated");
    }

    @Test
    void framesWithoutDelimiterAreRejected() {
        WireCodec codec = new WireCodec(new MessageSigner(""));

        assertThatThrownBy(() -> codec.decode(List.of(bytes("a"), bytes("b"))))
                .hasMessageContaining("delimiter");
    }

    @Test
    void garbageJsonIsRejectedWhenSigningIsDisabled() {
        WireCodec codec = new WireCodec(new MessageSigner(""));
        List<byte[]> frames = List.of(WireCodec.DELIMITER, bytes(""), bytes("{not json"), bytes("{}"),
                bytes("{}"), bytes("{}"));

        assertThatThrownBy(() -> codec.decode(frames)).hasMessageContaining("not valid JSON");
    }

    @Test
    void headerWithoutMessageTypeIsRejected() {
        WireCodec codec = new WireCodec(new MessageSigner(""));
        List<byte[]> frames = List.of(WireCodec.DELIMITER, bytes(""), bytes("{\"msg_id\":\"1\"}"), bytes("{}"),
                bytes("{}"), bytes("[]"));

        assertThatThrownBy(() -> codec.decode(frames)).hasMessageContaining("msg_type");
    }

    @Test
    void emptyKeySendsEmptySignatureAndAcceptsAnySignature() throws Exception {
        WireCodec codec = new WireCodec(new MessageSigner(""));
        List<byte[]> frames = new ArrayList<>(codec.encode(sample()));
        assertThat(frames.get(2)).isEmpty();

        frames.set(2, bytes("anything"));
        assertThat(codec.decode(frames).msgType()).isEqualTo("kernel_info_request");
    }
}
