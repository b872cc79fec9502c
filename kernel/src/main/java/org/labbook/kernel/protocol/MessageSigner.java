package org.labbook.kernel.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures of the four JSON frames of a message, as the connection file's key dictates.
 * An empty key means the client disabled signing: messages go out with an empty signature and any
 * signature is accepted. Thread-safe: each thread gets its own {@link Mac}, which is not.
 */
public final class MessageSigner {
    private static final HexFormat HEX = HexFormat.of();
    private final byte[] key;
    private final ThreadLocal<Mac> macs;

    public MessageSigner(String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    public boolean enabled() {
        return key.length > 0;
    }

    /** The lowercase hex digest over the frames, or "" when signing is disabled. */
    public String sign(byte[]... frames) {
        if (!enabled()) {
            return "";
        }
        Mac mac = macs.get();
        for (byte[] frame : frames) {
            mac.update(frame);
        }
        return HEX.formatHex(mac.doFinal());
    }

    /** Whether {@code signature} is right for the frames; compared in constant time so it leaks nothing. */
    public boolean verify(byte[] signature, byte[]... frames) {
        if (!enabled()) {
            return true;
        }
        byte[] expected = sign(frames).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", e);
        }
    }
}
