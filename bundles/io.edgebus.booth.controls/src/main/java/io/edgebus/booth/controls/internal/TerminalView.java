package io.edgebus.booth.controls.internal;

import io.edgebus.booth.controls.ControlProfile;
import io.edgebus.booth.controls.ControlValues;
import io.edgebus.booth.controls.HelpPanel;
import java.util.List;
import java.util.Locale;

/** Renders one screen of the terminal UI (F21) to a string; plain ANSI, no terminal library. */
final class TerminalView {
    static final String HOME_AND_CLEAR = "\u001b[H\u001b[2J";
    private static final String GREEN = "\u001b[32m";
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RESET = "\u001b[0m";
    static final int BAR_WIDTH = 20;
    static final String THROTTLED = "RATE LIMITED: one message at a time";

    private final String title;
    private final boolean ansi;
    private final boolean helpPanel;
    private final boolean controls;

    TerminalView(String title, boolean ansi, boolean helpPanel) {
        this(title, ansi, helpPanel, true);
    }

    /** {@code controls} false: an endpoint without demo controls (Billing, Shipping): no values line, no help. */
    TerminalView(String title, boolean ansi, boolean helpPanel, boolean controls) {
        this.title = title;
        this.ansi = ansi;
        this.helpPanel = helpPanel && controls;
        this.controls = controls;
    }

    String render(List<ProgressBoard.Line> lines, ControlValues values, List<String> notes) {
        return render("", lines, values, notes);
    }

    /** {@code status}: the endpoint's auto rate limiting, shown after the title (empty: nothing). */
    String render(String status, List<ProgressBoard.Line> lines, ControlValues values, List<String> notes) {
        StringBuilder s = new StringBuilder();
        if (ansi) {
            s.append(HOME_AND_CLEAR);
        }
        s.append(title);
        if (!status.isEmpty()) {
            s.append("  ").append(status.startsWith(THROTTLED) ? color(RED, status) : status);
        }
        s.append('\n');
        if (controls) {
            s.append(HelpPanel.status(ControlProfile.SALES, values)).append('\n');
        }
        for (ProgressBoard.Line line : lines) {
            s.append(line(line)).append('\n');
        }
        if (helpPanel) {
            s.append('\n');
            HelpPanel.lines(ControlProfile.SALES, values).forEach(l -> s.append(l).append('\n'));
        }
        for (String note : notes) {
            s.append(color(YELLOW, "note: " + note)).append('\n');
        }
        return s.toString();
    }

    String line(ProgressBoard.Line line) {
        String head = String.format(Locale.ROOT, "%-24s %-13s", line.label(), line.stage().text);
        return switch (line.stage()) {
            case DONE -> color(GREEN, head.stripTrailing());
            case FAILED -> color(RED, head + " " + line.detail());
            default -> line.progress() >= 0 ? head + " " + bar(line.progress()) : head.stripTrailing();
        };
    }

    /** F8/F22 p: what the header says about auto rate limiting; empty while nothing fails. */
    static String rateLimitStatus(boolean throttled, int consecutiveFailures) {
        if (throttled) {
            return THROTTLED + " (" + consecutiveFailures + " failures in a row)";
        }
        return consecutiveFailures > 0 ? consecutiveFailures + " failures in a row" : "";
    }

    static String bar(double fraction) {
        int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * BAR_WIDTH);
        return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "]";
    }

    private String color(String color, String text) {
        return ansi ? color + text + RESET : text;
    }
}
