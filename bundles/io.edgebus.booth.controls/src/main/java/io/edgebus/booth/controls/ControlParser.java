package io.edgebus.booth.controls;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies control keys (F22) to values; pure, so a keyboard, the button box and the bus give the
 * same result. Lower-case keys are relative (dial up/down, toggle flip, action); an upper-case key
 * followed by a digit sets a dial or toggle absolutely, because hardware dials know their position
 * but not our current value. Whitespace is skipped (Enter on a line-buffered terminal); anything
 * else unknown is ignored with a note.
 */
public final class ControlParser {
    private ControlParser() {
    }

    public static ParseResult apply(ControlProfile profile, ControlValues start, String keys) {
        ControlValues values = start;
        List<Control> actions = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int i = 0;
        while (i < keys.length()) {
            char c = keys.charAt(i);
            i++;
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                continue;
            }
            Optional<Control> up = byKey(profile, Character.toLowerCase(c));
            if (Character.isLowerCase(c)) {
                Optional<Control> down = Control.of(profile).stream().filter(k -> k.downKey() == c).findFirst();
                if (up.isPresent()) {
                    values = relative(values, up.get(), +1, actions);
                } else if (down.isPresent()) {
                    values = relative(values, down.get(), -1, actions);
                } else {
                    notes.add(unknown(c));
                }
            } else if (Character.isUpperCase(c) && up.isPresent()) {
                Control control = up.get();
                if (control.kind() == Control.Kind.ACTION) {
                    // A hardware button may send the upper-case key; it has no value to set.
                    actions.add(control);
                } else if (i < keys.length() && Character.isDigit(keys.charAt(i))) {
                    int digit = keys.charAt(i) - '0';
                    i++;
                    if (control.kind() == Control.Kind.TOGGLE && digit > 1) {
                        notes.add(c + "" + digit + " ignored: " + control.label() + " takes 0 or 1");
                    } else {
                        values = values.with(control, digit);
                    }
                } else {
                    notes.add(c + " ignored: needs a digit, e.g. " + c + (control.kind() == Control.Kind.TOGGLE ? "1" : "5"));
                }
            } else {
                notes.add(unknown(c));
            }
        }
        return new ParseResult(values, actions, notes);
    }

    private static ControlValues relative(ControlValues values, Control control, int step, List<Control> actions) {
        return switch (control.kind()) {
            case DIAL -> values.with(control, Math.max(0, Math.min(Control.MAX_LEVEL, values.level(control) + step)));
            case TOGGLE -> values.with(control, values.isOn(control) ? 0 : 1);
            case ACTION -> {
                actions.add(control);
                yield values;
            }
        };
    }

    private static Optional<Control> byKey(ControlProfile profile, char key) {
        return Control.of(profile).stream().filter(k -> k.key() == key).findFirst();
    }

    private static String unknown(char c) {
        return "unknown key '" + c + "' ignored";
    }
}
