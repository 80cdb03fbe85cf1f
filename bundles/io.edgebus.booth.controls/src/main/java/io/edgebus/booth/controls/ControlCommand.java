package io.edgebus.booth.controls;

import io.edgebus.api.Event;

/**
 * Control keys sent over the bus (the button box without tmux). An event: every instance's
 * control endpoint ({@code <endpoint>.Control.<instance>}) subscribes, so one publish reaches all
 * Sales instances even though they share the Sales queue.
 *
 * @param keys the keys, exactly as typed (e.g. {@code Q5I1})
 */
public record ControlCommand(String keys) implements Event {
    public ControlCommand {
        if (keys == null || keys.isEmpty()) {
            throw new IllegalArgumentException("keys is required");
        }
    }
}
