package io.edgebus.core.internal;

import static io.edgebus.core.internal.Recoverability.Action.HAND_BACK;
import static io.edgebus.core.internal.Recoverability.Action.IMMEDIATE_RETRY;
import static io.edgebus.core.internal.Recoverability.Action.MOVE_TO_ERROR;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RecoverabilityTest {
    private final RuntimeException failure = new RuntimeException("boom");

    @Test
    void failuresAreRetriedImmediatelyUpToTheConfiguredCountThenMovedToError() {
        assertEquals(IMMEDIATE_RETRY, Recoverability.decide(2, 1, failure, false));
        assertEquals(IMMEDIATE_RETRY, Recoverability.decide(2, 2, failure, false));
        assertEquals(MOVE_TO_ERROR, Recoverability.decide(2, 3, failure, false));
        assertEquals(MOVE_TO_ERROR, Recoverability.decide(0, 1, failure, false));
    }

    @Test
    void poisonIsNeverRetried() {
        assertEquals(MOVE_TO_ERROR, Recoverability.decide(5, 1, new PoisonMessageException("bad"), false));
    }

    @Test
    void aStoppingEndpointHandsBackInsteadOfRetrying() {
        assertEquals(HAND_BACK, Recoverability.decide(5, 1, failure, true));
        assertEquals(HAND_BACK, Recoverability.decide(5, 1, new HandBackException("wait"), false));
    }
}
