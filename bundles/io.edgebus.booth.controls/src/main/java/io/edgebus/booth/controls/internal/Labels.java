package io.edgebus.booth.controls.internal;

import io.edgebus.api.Headers;
import io.edgebus.booth.contracts.OrderLabel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a message is called on screen: the order's 4-letter label when the body has an orderId
 * (read from the raw JSON, so any message type of any bundle works without its classes), else the
 * message type's simple name.
 */
final class Labels {
    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([^\"]+)\"");

    private Labels() {
    }

    static String of(Map<String, String> headers, byte[] body) {
        Matcher m = ORDER_ID.matcher(new String(body, StandardCharsets.UTF_8));
        String type = typeName(headers.get(Headers.ENCLOSED_MESSAGE_TYPES));
        if (m.find()) {
            return OrderLabel.of(m.group(1)) + " " + type;
        }
        return type;
    }

    private static String typeName(String enclosed) {
        if (enclosed == null || enclosed.isBlank()) {
            return "?";
        }
        String first = enclosed.split(";")[0].split(",")[0].trim();
        return first.substring(Math.max(first.lastIndexOf('.'), first.lastIndexOf('$')) + 1);
    }
}
