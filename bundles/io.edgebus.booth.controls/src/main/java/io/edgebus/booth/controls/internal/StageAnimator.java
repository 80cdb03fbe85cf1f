package io.edgebus.booth.controls.internal;

import io.edgebus.booth.controls.SimulatedStageFailure;

/**
 * F21 manual mode: holds a stage for its animation time so visitors can follow one order, and
 * fails it when {@code x} was pressed meanwhile (F22).
 */
final class StageAnimator {
    static final long TICK_MILLIS = 100;

    private final ProgressBoard board;
    private final long stageMillis;
    private final Sleeper sleeper;

    StageAnimator(ProgressBoard board, long stageMillis, Sleeper sleeper) {
        this.board = board;
        this.stageMillis = stageMillis;
        this.sleeper = sleeper;
    }

    void animate(String id, Stage stage) throws InterruptedException {
        board.stage(id, stage);
        long ticks = Math.max(1, stageMillis / TICK_MILLIS);
        for (long tick = 0; tick <= ticks; tick++) {
            board.animate(id, (double) tick / ticks);
            if (board.takeFailRequest(id)) {
                throw new SimulatedStageFailure("intermittent failure while " + stage.text + " (x pressed)");
            }
            if (tick < ticks) {
                sleeper.sleep(TICK_MILLIS);
            }
        }
        board.stage(id, stage);
    }
}
