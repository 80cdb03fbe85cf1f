package io.edgebus.booth.controls;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** One dial (0–9), toggle (0/1) or action of a {@link ControlProfile}, with its keys. */
public enum Control {
    PROCESSING_TIME(ControlProfile.SALES, 'q', 'a', Kind.DIAL, "processing time"),
    FAILURE_RATE(ControlProfile.SALES, 'w', 's', Kind.DIAL, "database failure rate"),
    DATABASE_DOWN(ControlProfile.SALES, 'i', Kind.TOGGLE, "database down"),
    DELAYED_RETRIES(ControlProfile.SALES, 'o', Kind.TOGGLE, "delayed retries"),
    AUTO_RATE_LIMIT(ControlProfile.SALES, 'p', Kind.TOGGLE, "auto rate limiting"),
    INTERMITTENT_FAILURE(ControlProfile.SALES, 'x', Kind.ACTION, "fail the animating stage"),
    RATE(ControlProfile.CLIENT, 'q', 'a', Kind.DIAL, "orders per second"),
    DUPLICATES(ControlProfile.CLIENT, 'w', 's', Kind.DIAL, "duplicate likelihood"),
    NOISE(ControlProfile.CLIENT, 'e', 'd', Kind.DIAL, "noise"),
    MANUAL_SEND(ControlProfile.CLIENT, 'b', Kind.ACTION, "send one order (manual mode)"),
    RAFFLE(ControlProfile.CLIENT, 'r', Kind.TOGGLE, "raffle campaign");

    /** A dial goes up and down by one, a toggle flips, an action happens once per key. */
    public enum Kind {
        DIAL, TOGGLE, ACTION
    }

    public static final int MAX_LEVEL = 9;

    private final ControlProfile profile;
    private final char key;
    private final char downKey;
    private final Kind kind;
    private final String label;

    Control(ControlProfile profile, char key, Kind kind, String label) {
        this(profile, key, '\0', kind, label);
    }

    Control(ControlProfile profile, char key, char downKey, Kind kind, String label) {
        this.profile = profile;
        this.key = key;
        this.downKey = downKey;
        this.kind = kind;
        this.label = label;
    }

    public ControlProfile profile() {
        return profile;
    }

    /** The lower-case key: up for a dial, flip for a toggle; upper-case with a digit sets it. */
    public char key() {
        return key;
    }

    /** A dial's lower-case down key; {@code '\0'} for toggles and actions. */
    public char downKey() {
        return downKey;
    }

    public Kind kind() {
        return kind;
    }

    public String label() {
        return label;
    }

    /** The controls of a profile in display order. */
    public static List<Control> of(ControlProfile profile) {
        return Arrays.stream(values()).filter(c -> c.profile == profile).toList();
    }

    /** A value as the audience reads it: {@code 0.6 s}, {@code 30 %}, {@code manual}, {@code on}. */
    public String describe(int value) {
        return switch (this) {
            case PROCESSING_TIME -> String.format(Locale.ROOT, "%.1f s", processingSeconds(value));
            case FAILURE_RATE, DUPLICATES -> value * 10 + " %";
            case RATE -> value == 0 ? "manual" : value + "/s";
            case INTERMITTENT_FAILURE, MANUAL_SEND -> "";
            default -> kind == Kind.TOGGLE ? (value != 0 ? "on" : "off") : Integer.toString(value);
        };
    }

    /** F22: the processing time of level n is 0.1 s + n·0.1 s. */
    public static double processingSeconds(int level) {
        return 0.1 + level * 0.1;
    }
}
