package io.edgebus.core.internal;

import io.edgebus.api.Headers;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Timestamps as NServiceBus writes them in headers. */
final class WireTime {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern(Headers.TIME_FORMAT).withZone(ZoneOffset.UTC);

    private WireTime() {
    }

    static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    static Instant parse(String text) {
        return Instant.from(FORMAT.parse(text));
    }
}
