package io.edgebus.booth.contracts;

import java.util.UUID;

/**
 * The 4-letter label visitors read on screen (QXTB). For display only: 26^4 labels collide by chance
 * within a few thousand orders, so nothing deduplicates or correlates on it; order ids are UUIDs.
 */
public final class OrderLabel {
    private OrderLabel() {
    }

    public static String of(String orderId) {
        long bits;
        try {
            UUID id = UUID.fromString(orderId);
            bits = id.getMostSignificantBits() ^ id.getLeastSignificantBits();
        } catch (IllegalArgumentException e) {
            bits = orderId.hashCode() * 0x9E3779B97F4A7C15L;
        }
        char[] label = new char[4];
        for (int i = 0; i < 4; i++) {
            label[i] = (char) ('A' + Math.floorMod(bits, 26L));
            bits = Math.floorDiv(bits, 26L);
        }
        return new String(label);
    }
}
