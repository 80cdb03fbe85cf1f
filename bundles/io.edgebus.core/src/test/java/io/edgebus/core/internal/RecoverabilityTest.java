package io.edgebus.core.internal;

import static io.edgebus.core.internal.Recoverability.Action.DELAYED_RETRY;
import static io.edgebus.core.internal.Recoverability.Action.HAND_BACK;
import static io.edgebus.core.internal.Recoverability.Action.IMMEDIATE_RETRY;
import static io.edgebus.core.internal.Recoverability.Action.MOVE_TO_ERROR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebus.api.Headers;
import io.edgebus.api.pipeline.RecoverabilityPolicy;
import io.edgebus.api.transport.Destination;
import io.edgebus.api.transport.OutgoingMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecoverabilityTest {
    private static final Recoverability.Limits IMMEDIATE_ONLY = new Recoverability.Limits(2, 0, Duration.ofSeconds(10));
    private static final Recoverability.Limits DEFAULTS = new Recoverability.Limits(5, 3, Duration.ofSeconds(10));
    private final RuntimeException failure = new RuntimeException("boom");

    private static Recoverability.Action action(Recoverability.Limits limits, int failed, int delayedDone,
                                                Throwable error) {
        return Recoverability.decide(limits, failed, delayedDone, error, false).action();
    }

    @Test
    void failuresAreRetriedImmediatelyUpToTheConfiguredCountThenMovedToError() {
        assertEquals(IMMEDIATE_RETRY, action(IMMEDIATE_ONLY, 1, 0, failure));
        assertEquals(IMMEDIATE_RETRY, action(IMMEDIATE_ONLY, 2, 0, failure));
        assertEquals(MOVE_TO_ERROR, action(IMMEDIATE_ONLY, 3, 0, failure));
        assertEquals(MOVE_TO_ERROR, action(new Recoverability.Limits(0, 0, Duration.ofSeconds(1)), 1, 0, failure));
    }

    @Test
    void afterTheImmediateRetriesComeDelayedRetriesWithGrowingDelaysThenTheErrorQueue() {
        assertEquals(IMMEDIATE_RETRY, action(DEFAULTS, 5, 0, failure));
        Recoverability.Decision first = Recoverability.decide(DEFAULTS, 6, 0, failure, false);
        assertEquals(DELAYED_RETRY, first.action());
        assertEquals(Duration.ofSeconds(10), first.delay());
        // Each delayed retry is a new delivery: its immediate retries start again from 1.
        assertEquals(IMMEDIATE_RETRY, action(DEFAULTS, 1, 1, failure));
        assertEquals(Duration.ofSeconds(20), Recoverability.decide(DEFAULTS, 6, 1, failure, false).delay());
        assertEquals(Duration.ofSeconds(30), Recoverability.decide(DEFAULTS, 6, 2, failure, false).delay());
        assertEquals(MOVE_TO_ERROR, action(DEFAULTS, 6, 3, failure));
        assertEquals(Duration.ZERO, Recoverability.decide(DEFAULTS, 6, 3, failure, false).delay());
    }

    @Test
    void withoutImmediateRetriesTheFirstFailureIsDelayed() {
        Recoverability.Limits limits = new Recoverability.Limits(0, 2, Duration.ofSeconds(1));
        assertEquals(new Recoverability.Decision(DELAYED_RETRY, Duration.ofSeconds(1)),
                Recoverability.decide(limits, 1, 0, failure, false));
        assertEquals(MOVE_TO_ERROR, action(limits, 1, 2, failure));
    }

    @Test
    void poisonIsNeverRetried() {
        assertEquals(MOVE_TO_ERROR, action(DEFAULTS, 1, 0, new PoisonMessageException("bad")));
    }

    @Test
    void aStoppingEndpointHandsBackInsteadOfRetrying() {
        assertEquals(HAND_BACK, Recoverability.decide(DEFAULTS, 1, 0, failure, true).action());
        assertEquals(HAND_BACK, Recoverability.decide(DEFAULTS, 6, 0, failure, true).action());
        assertEquals(HAND_BACK, action(DEFAULTS, 1, 0, new HandBackException("wait")));
    }

    @Test
    void theRetriesHeaderIsReadLeniently() {
        assertEquals(0, Recoverability.delayedRetriesDone(null));
        assertEquals(0, Recoverability.delayedRetriesDone("x"));
        assertEquals(0, Recoverability.delayedRetriesDone("-4"));
        assertEquals(2, Recoverability.delayedRetriesDone(" 2"));
    }

    @Test
    void anyPolicySayingNoTurnsDelayedRetriesOffAndABrokenOneIsIgnored() {
        RecoverabilityPolicy yes = endpoint -> true;
        RecoverabilityPolicy no = endpoint -> !endpoint.equals("Sales");
        RecoverabilityPolicy broken = endpoint -> {
            throw new IllegalStateException("broken");
        };
        assertTrue(DelayedRetry.allowed(List.of(), "Sales"));
        assertTrue(DelayedRetry.allowed(List.of(yes, broken), "Sales"));
        assertFalse(DelayedRetry.allowed(List.of(yes, no), "Sales"));
        assertTrue(DelayedRetry.allowed(List.of(no), "Billing"));
    }

    @Test
    void aDelayedRetryIsTheSameMessageToTheInputQueueWithTheRetryCount() {
        OutgoingMessage m = DelayedRetry.message("m-1", Map.of(Headers.MESSAGE_ID, "m-1", "x", "y"),
                new byte[] {1, 2}, "Sales", 2, Duration.ofSeconds(20));
        assertEquals("m-1", m.messageId());
        assertEquals(new Destination.Queue("Sales"), m.destination());
        assertEquals(Duration.ofSeconds(20), m.delay());
        assertEquals("2", m.headers().get(Headers.DELAYED_RETRIES));
        assertEquals("y", m.headers().get("x"));
        assertTrue(m.headers().get(Headers.DELAYED_RETRIES_TIMESTAMP).endsWith(" Z"));
    }
}
