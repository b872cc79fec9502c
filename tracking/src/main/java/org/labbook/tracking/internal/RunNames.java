package org.labbook.tracking.internal;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Run ids and the friendly names given to runs started without one. */
public final class RunNames {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String[] ADJECTIVES = {
        "amber", "bold", "brisk", "calm", "clever", "crisp", "eager", "fair", "gentle", "keen", "lively",
        "lucid", "merry", "nimble", "quiet", "rapid", "sharp", "steady", "sunny", "swift", "vivid", "witty"};
    private static final String[] NOUNS = {
        "badger", "bison", "crane", "falcon", "fern", "finch", "heron", "lynx", "maple", "moth", "otter",
        "owl", "pike", "quail", "raven", "robin", "seal", "sparrow", "trout", "wren", "yak", "zebra"};

    private RunNames() {
    }

    /**
     * A random 128-bit id as 32 lowercase hex digits: URL-safe, and short prefixes of it are easy to
     * type when referring to a run.
     */
    public static String newRunId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A name such as {@code swift-otter-042}. */
    public static String newRunName() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return ADJECTIVES[random.nextInt(ADJECTIVES.length)] + "-" + NOUNS[random.nextInt(NOUNS.length)]
                + "-" + String.format("%03d", random.nextInt(1000));
    }
}
