package io.edgebus.booth.controls.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The messages this instance is working on and the last few it finished, for the terminal.
 * Thread-safe: pipeline threads write, the render thread reads snapshots.
 */
final class ProgressBoard {
    /** One line on screen. {@code progress} is 0–1 while a stage animates, else -1. */
    record Line(String id, String label, Stage stage, double progress, String detail) {
    }

    private static final class Entry {
        final String id;
        final String label;
        Stage stage = Stage.RECEIVED;
        double progress = -1;
        long animationStarted;
        boolean failRequested;
        String detail = "";

        Entry(String id, String label) {
            this.id = id;
            this.label = label;
        }
    }

    private final int finishedShown;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private long animations;

    ProgressBoard(int finishedShown) {
        this.finishedShown = finishedShown;
    }

    synchronized void begin(String id, String label) {
        entries.remove(id);
        entries.put(id, new Entry(id, label));
        trim();
    }

    synchronized void stage(String id, Stage stage) {
        Entry e = entries.get(id);
        if (e != null) {
            e.stage = stage;
            e.progress = -1;
            e.failRequested = false;
        }
    }

    /** Marks the stage as animating (fraction 0–1); {@code x} can fail only an animating stage. */
    synchronized void animate(String id, double fraction) {
        Entry e = entries.get(id);
        if (e != null) {
            if (e.progress < 0) {
                e.animationStarted = ++animations;
            }
            e.progress = fraction;
        }
    }

    /** Whether {@code x} asked this message's animating stage to fail; asks once. */
    synchronized boolean takeFailRequest(String id) {
        Entry e = entries.get(id);
        if (e == null || !e.failRequested) {
            return false;
        }
        e.failRequested = false;
        return true;
    }

    /**
     * F22 {@code x}: picks the stage animating longest (with concurrency 1 the only one) and asks
     * it to fail; returns its description, or empty when nothing animates (not in manual mode).
     */
    synchronized Optional<String> failAnimatingStage() {
        return entries.values().stream()
                .filter(e -> e.progress >= 0 && !e.failRequested)
                .min((a, b) -> Long.compare(a.animationStarted, b.animationStarted))
                .map(e -> {
                    e.failRequested = true;
                    return e.label + " " + e.stage.text;
                });
    }

    synchronized void finish(String id, Stage outcome, String detail) {
        Entry e = entries.get(id);
        if (e != null) {
            e.stage = outcome;
            e.progress = -1;
            e.failRequested = false;
            e.detail = detail;
            trim();
        }
    }

    synchronized List<Line> lines() {
        List<Line> lines = new ArrayList<>();
        for (Entry e : entries.values()) {
            lines.add(new Line(e.id, e.label, e.stage, e.progress, e.detail));
        }
        return lines;
    }

    /** Forgets the oldest finished messages beyond the few kept on screen. */
    private void trim() {
        long finished = entries.values().stream().filter(ProgressBoard::finished).count();
        Iterator<Entry> it = entries.values().iterator();
        while (finished > finishedShown && it.hasNext()) {
            if (finished(it.next())) {
                it.remove();
                finished--;
            }
        }
    }

    private static boolean finished(Entry e) {
        return e.stage == Stage.DONE || e.stage == Stage.FAILED;
    }
}
