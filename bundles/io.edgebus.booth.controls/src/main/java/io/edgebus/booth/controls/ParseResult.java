package io.edgebus.booth.controls;

import java.util.List;

/**
 * What a key sequence did.
 *
 * @param values the dials and toggles afterwards
 * @param actions the actions pressed, in order ({@code x}, {@code b})
 * @param notes one line per ignored input, for the screen
 */
public record ParseResult(ControlValues values, List<Control> actions, List<String> notes) {
    public ParseResult {
        actions = List.copyOf(actions);
        notes = List.copyOf(notes);
    }
}
