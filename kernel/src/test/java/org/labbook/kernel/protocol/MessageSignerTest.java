package org.labbook.kernel.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageSignerTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void signatureIsTheHmacSha256HexOfTheConcatenatedFrames() {
        // Same value as Python's hmac.new(b"key", b"{}{}{}{}", hashlib.sha256).hexdigest().
        String signature = new MessageSigner("key").sign(bytes("{}"), bytes("{}"), bytes("{}"), bytes("{}"));

        assertThat(signature).isEqualTo("ca767b02c5bc061ed184a9a029e7f93a7f2f7ed4e8fe74120fc1212f0b008fa3");
    }

    @Test
    void verifyAcceptsOnlyTheRightSignature() {
        MessageSigner signer = new MessageSigner("key");
        String right = signer.sign(bytes("a"), bytes("b"));

        assertThat(signer.verify(bytes(right), bytes("a"), bytes("b"))).isTrue();
        assertThat(signer.verify(bytes(right.replace(right.charAt(0), right.charAt(0) == 'a' ? 'b' : 'a')),
                bytes("a"), bytes("b"))).isFalse();
        assertThat(signer.verify(bytes(""), bytes("a"), bytes("b"))).isFalse();
    }
}
