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
 * signature is accepted. Thread-safe: one {@link Mac} (which is not) is used under a lock. Cell output is
 * signed on short-lived snippet threads, so a Mac per thread would mean a provider lookup and key set-up for
 * nearly every message; signing itself takes microseconds, so the lock is never contended for long.
 */
public final class MessageSigner {
    private static final HexFormat HEX = HexFormat.of();
    private final byte[] key;
    private final Mac mac;

    public MessageSigner(String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
        this.mac = newMac();
    }

    public boolean enabled() {
        return key.length > 0;
    }

    /** The lowercase hex digest over the frames, or "" when signing is disabled. */
    public String sign(byte[]... frames) {
        if (!enabled()) {
            return "";
        }
        byte[] digest;
        synchronized (mac) {
            for (byte[] frame : frames) {
                mac.update(frame);
            }
            digest = mac.doFinal();
        }
        return HEX.formatHex(digest);
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
