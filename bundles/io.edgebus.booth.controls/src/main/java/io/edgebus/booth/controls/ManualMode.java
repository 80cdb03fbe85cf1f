package io.edgebus.booth.controls;

import java.util.Map;

/**
 * The header that marks an order sent by hand (ClientUI at rate 0, the button). Every message sent
 * while handling a marked message carries it too, so each stage animates slowly downstream.
 */
public final class ManualMode {
    public static final String HEADER = "EdgeBus.ManualMode";
    public static final String VALUE = "True";

    private ManualMode() {
    }

    public static boolean isSet(Map<String, String> headers) {
        return VALUE.equalsIgnoreCase(headers.get(HEADER));
    }
}
