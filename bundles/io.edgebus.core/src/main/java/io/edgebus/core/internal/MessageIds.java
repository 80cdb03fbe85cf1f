package io.edgebus.core.internal;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * New message ids: UUIDs laid out as version 7 (48-bit Unix milliseconds, then 74 random bits), so
 * they sort by creation time like NServiceBus' sequential ids. {@link UUID#randomUUID()} draws from
 * one shared SecureRandom per id, a measurable per-message cost with many sending threads; the
 * random bits here come from {@link ThreadLocalRandom}. Its seeds derive from the clock, which on
 * devices without a real-time clock can be the same on two devices booted together, so the bits are
 * mixed with a per-process salt drawn once from SecureRandom: two processes produce different ids
 * even if their thread-local streams happen to match.
 */
final class MessageIds {
    private static final long SALT_HIGH;
    private static final long SALT_LOW;

    static {
        SecureRandom seed = new SecureRandom();
        SALT_HIGH = seed.nextLong();
        SALT_LOW = seed.nextLong();
    }

    private MessageIds() {
    }

    /** A new globally unique id in the usual 36-character UUID form. */
    static String next() {
        return uuid(System.currentTimeMillis()).toString();
    }

    static UUID uuid(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (epochMillis << 16)
                | 0x7000L // version 7
                | ((random.nextLong() ^ SALT_HIGH) & 0x0FFFL);
        long low = 0x8000_0000_0000_0000L // IETF variant (10xx)
                | ((random.nextLong() ^ SALT_LOW) & 0x3FFF_FFFF_FFFF_FFFFL);
        return new UUID(high, low);
    }
}
