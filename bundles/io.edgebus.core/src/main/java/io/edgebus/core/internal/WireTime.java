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
    /**
     * Epoch microseconds of a header in {@link Headers#TIME_FORMAT}, or {@link Long#MIN_VALUE} when
     * it is missing or not in that format. Without allocating: it runs for every processed message
     * (critical time).
     */
    static long parseEpochMicros(String text) {
        if (text == null || text.length() != 28 || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != ' ' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || text.charAt(19) != ':' || !text.endsWith(" Z")) {
            return Long.MIN_VALUE;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 2);
        int day = number(text, 8, 2);
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        int second = number(text, 17, 2);
        int micros = number(text, 20, 6);
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59
                || second > 60 || micros < 0) {
            return Long.MIN_VALUE;
        }
        long days = epochDay(year, month, day);
        return ((days * 24 + hour) * 60 + minute) * 60_000_000L + second * 1_000_000L + micros;
    }

    private static int number(String s, int at, int width) {
        int v = 0;
        for (int i = at; i < at + width; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1_000_000_000;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
    private static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }
}
