package io.edgebus.bridge.internal;

import io.edgebus.api.Headers;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads NServiceBus' header timestamps. */
final class WireTimes {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern(Headers.TIME_FORMAT);

    private WireTimes() {
    }

    /** Now minus the time in the header, or -1 when missing or unreadable. */
    static long lagMillis(String timeSent) {
        if (timeSent == null || timeSent.isBlank()) {
            return -1;
        }
        try {
            long sent = LocalDateTime.parse(timeSent, FORMAT).toInstant(ZoneOffset.UTC).toEpochMilli();
            return Math.max(0, System.currentTimeMillis() - sent);
        } catch (DateTimeParseException e) {
            return -1;
        }
    }
}
