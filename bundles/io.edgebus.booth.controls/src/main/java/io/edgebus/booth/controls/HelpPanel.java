package io.edgebus.booth.controls;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The help panel (F21): every control of a profile with its keys and current value. */
public final class HelpPanel {
    private HelpPanel() {
    }

    public static List<String> lines(ControlProfile profile, ControlValues values) {
        List<String> lines = new ArrayList<>();
        lines.add("Controls (lower-case steps, upper-case + digit sets, e.g. Q5):");
        for (Control c : Control.of(profile)) {
            String keys = c.kind() == Control.Kind.DIAL ? c.key() + "/" + c.downKey() : String.valueOf(c.key());
            lines.add(String.format(Locale.ROOT, "  %-4s %-30s %s", keys, c.label(), c.describe(values.level(c))).stripTrailing());
        }
        return lines;
    }
}
