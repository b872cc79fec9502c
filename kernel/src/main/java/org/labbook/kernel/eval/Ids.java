package org.labbook.kernel.eval;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random ids in UUID form for sessions and displays. They only need to be unique, not unguessable, and
 * seeding SecureRandom (what UUID.randomUUID uses) can take a quarter second that start-up cannot spare.
 */
final class Ids {
    private Ids() {
    }

    static String random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(high, low).toString();
    }
}
