package io.edgebus.booth.controls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.booth.controls.SimulatedStageFailure;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProgressBoardTest {
    private final ProgressBoard board = new ProgressBoard(2);

    @Test
    void xFailsTheStageAnimatingLongestAndOnlyAnAnimatingOne() {
        board.begin("m1", "AAAA PlaceOrder");
        board.begin("m2", "BBBB PlaceOrder");
        board.begin("m3", "CCCC PlaceOrder");
        board.stage("m1", Stage.PROCESSING);
        assertEquals(Optional.empty(), board.failAnimatingStage(), "not animating: not manual mode");

        board.stage("m3", Stage.DISPATCHING);
        board.animate("m3", 0.0);
        board.stage("m2", Stage.PROCESSING);
        board.animate("m2", 0.0);
        board.animate("m3", 0.5);

        assertEquals(Optional.of("CCCC PlaceOrder dispatching"), board.failAnimatingStage());
        assertEquals(Optional.of("BBBB PlaceOrder processing"), board.failAnimatingStage());
        assertEquals(Optional.empty(), board.failAnimatingStage(), "both already asked to fail");
        assertTrue(board.takeFailRequest("m3"));
        assertFalse(board.takeFailRequest("m3"), "a request fails one stage once");
        assertFalse(board.takeFailRequest("m1"));
    }

    @Test
    void keepsOnlyTheLatestFinishedMessages() {
        for (String id : List.of("a", "b", "c")) {
            board.begin(id, id);
            board.finish(id, Stage.DONE, "");
        }
        board.begin("d", "d");
        assertEquals(List.of("b", "c", "d"), board.lines().stream().map(ProgressBoard.Line::id).toList());
    }

    @Test
    void animationRunsItsTicksAndFailsWhenXArrivesMidway() throws Exception {
        board.begin("m", "QXTB PlaceOrder");
        List<Long> slept = new java.util.ArrayList<>();
        new StageAnimator(board, 500, slept::add).animate("m", Stage.PROCESSING);
        assertEquals(List.of(100L, 100L, 100L, 100L, 100L), slept);
        assertEquals(Stage.PROCESSING, board.lines().get(0).stage());

        int[] ticks = {0};
        StageAnimator pressXOnThirdTick = new StageAnimator(board, 2500, ms -> {
            if (++ticks[0] == 3) {
                board.failAnimatingStage();
            }
        });
        SimulatedStageFailure failure = assertThrows(SimulatedStageFailure.class,
                () -> pressXOnThirdTick.animate("m", Stage.ACKNOWLEDGING));
        assertEquals("intermittent failure while acknowledging (x pressed)", failure.getMessage());
        assertEquals(3, ticks[0]);
    }
}
