package io.edgebus.core.internal;

import io.edgebus.api.Headers;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Timestamps as NServiceBus writes them in headers. */
final class WireTime {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern(Headers.TIME_FORMAT).withZone(ZoneOffset.UTC);

    private WireTime() {
    }

    /**
     * Written by hand: it is on every sent message, and {@link DateTimeFormatter} takes a few
     * microseconds for it. Same text as {@code FORMAT} (checked by the tests); years outside
     * 0001-9999 take the formatter.
     */
    static String format(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 1 || year > 9999) {
            return FORMAT.format(instant);
        }
        char[] c = "0000-00-00 00:00:00:000000 Z".toCharArray();
        digits(c, 0, year, 4);
        digits(c, 5, t.getMonthValue(), 2);
        digits(c, 8, t.getDayOfMonth(), 2);
        digits(c, 11, t.getHour(), 2);
        digits(c, 14, t.getMinute(), 2);
        digits(c, 17, t.getSecond(), 2);
        digits(c, 20, t.getNano() / 1_000, 6);
        return new String(c);
    }

    private static void digits(char[] into, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            into[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    static Instant parse(String text) {
        return Instant.from(FORMAT.parse(text));
    }
}
