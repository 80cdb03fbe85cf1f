package io.edgebus.booth.controls;

import java.util.Arrays;

/** The dials and toggles at one moment; immutable. Actions have no value and stay 0. */
public final class ControlValues {
    private static final ControlValues ZERO = new ControlValues(new int[Control.values().length]);

    private final int[] values;

    private ControlValues(int[] values) {
        this.values = values;
    }

    /** Every dial at 0 and every toggle off. */
    public static ControlValues initial() {
        return ZERO;
    }

    public int level(Control control) {
        return values[control.ordinal()];
    }

    public boolean isOn(Control control) {
        return values[control.ordinal()] != 0;
    }

    /** A copy with one value changed; dials take 0–9, toggles 0 or 1. */
    public ControlValues with(Control control, int value) {
        int max = switch (control.kind()) {
            case DIAL -> Control.MAX_LEVEL;
            case TOGGLE -> 1;
            case ACTION -> 0;
        };
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(control + " takes 0–" + max + ", not " + value);
        }
        int[] copy = values.clone();
        copy[control.ordinal()] = value;
        return new ControlValues(copy);
    }

    public int processingTimeLevel() {
        return level(Control.PROCESSING_TIME);
    }

    public int failureRateLevel() {
        return level(Control.FAILURE_RATE);
    }

    public boolean databaseDown() {
        return isOn(Control.DATABASE_DOWN);
    }

    public boolean delayedRetries() {
        return isOn(Control.DELAYED_RETRIES);
    }

    public boolean autoRateLimit() {
        return isOn(Control.AUTO_RATE_LIMIT);
    }

    public int rate() {
        return level(Control.RATE);
    }

    public int duplicates() {
        return level(Control.DUPLICATES);
    }

    public int noise() {
        return level(Control.NOISE);
    }

    public boolean raffle() {
        return isOn(Control.RAFFLE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ControlValues other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("ControlValues[");
        for (Control c : Control.values()) {
            if (c.kind() != Control.Kind.ACTION && level(c) != 0) {
                s.append(c).append('=').append(level(c)).append(' ');
            }
        }
        return s.toString().trim() + "]";
    }
}
