package io.edgebus.booth.controls;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

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

    /**
     * One line with every dial and toggle of a profile and its value, for every instance's screen
     * (the full panel is only on instance 1): shows that a control command reached this instance.
     */
    public static String status(ControlProfile profile, ControlValues values) {
        StringJoiner line = new StringJoiner("  ");
        for (Control c : Control.of(profile)) {
            if (c.kind() != Control.Kind.ACTION) {
                line.add(shortLabel(c) + " " + c.describe(values.level(c)));
            }
        }
        return line.toString();
    }

    private static String shortLabel(Control c) {
        return switch (c) {
            case PROCESSING_TIME -> "processing";
            case FAILURE_RATE -> "failures";
            case DATABASE_DOWN -> "db down";
            case AUTO_RATE_LIMIT -> "rate limit";
            case RATE -> "rate";
            case DUPLICATES -> "duplicates";
            default -> c.label();
        };
    }
}
