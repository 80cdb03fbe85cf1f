package io.edgebus.gateway.network.internal;

import java.util.regex.Pattern;

/** Dotted-quad IPv4 parsing; addresses are handled as unsigned ints in a long. */
final class Ipv4 {

    private static final Pattern DOTTED = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private Ipv4() {
    }

    static long parse(String field, String text) {
        var m = text == null ? null : DOTTED.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException(field + ": not an IPv4 address: '" + text + "'");
        }
        long value = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                throw new IllegalArgumentException(field + ": octet out of range in '" + text + "'");
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    static String format(long address) {
        return ((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "." + (address & 255);
    }

    static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }
}
