package io.edgebus.booth.controls.internal;

import io.edgebus.booth.controls.Control;
import io.edgebus.booth.controls.ControlParser;
import io.edgebus.booth.controls.ControlProfile;
import io.edgebus.booth.controls.ControlState;
import io.edgebus.booth.controls.ControlValues;
import io.edgebus.booth.controls.ParseResult;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * The live controls of one instance. Keys from the keyboard and from the bus go through the same
 * {@link #apply}; actions are handed to {@code onAction}, whose answer (if any) is shown as a note.
 */
final class ControlStateService implements ControlState {
    static final int NOTES_SHOWN = 3;

    private final ControlProfile profile;
    private final Function<Control, String> onAction;
    private final Deque<String> notes = new ArrayDeque<>();
    private volatile ControlValues values;

    ControlStateService(ControlProfile profile, ControlValues initial, Function<Control, String> onAction) {
        this.profile = profile;
        this.values = initial;
        this.onAction = onAction;
    }

    @Override
    public ControlProfile profile() {
        return profile;
    }

    @Override
    public ControlValues current() {
        return values;
    }

    @Override
    public synchronized ParseResult apply(String keys) {
        ParseResult result = ControlParser.apply(profile, values, keys);
        values = result.values();
        result.notes().forEach(this::note);
        for (Control action : result.actions()) {
            String answer = onAction.apply(action);
            if (answer != null) {
                note(answer);
            }
        }
        return result;
    }

    /** The latest notes, oldest first, for the screen. */
    synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    private void note(String note) {
        notes.addLast(note);
        while (notes.size() > NOTES_SHOWN) {
            notes.removeFirst();
        }
    }
}
