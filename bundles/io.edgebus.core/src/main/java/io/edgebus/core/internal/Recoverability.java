package io.edgebus.core.internal;

import java.time.Duration;

/**
 * What to do with a message whose processing failed: a pure decision, so it is tested without a
 * broker and carried out by {@link MessageProcessing}.
 */
final class Recoverability {
    enum Action { IMMEDIATE_RETRY, DELAYED_RETRY, MOVE_TO_ERROR, HAND_BACK }

    /**
     * @param action what to do
     * @param delay how long the broker holds the message back for {@link Action#DELAYED_RETRY}, else zero
     */
    record Decision(Action action, Duration delay) {
        static Decision of(Action action) {
            return new Decision(action, Duration.ZERO);
        }
    }

    /**
     * The retry limits in force for one failure.
     *
     * @param immediateRetries in-process retries per delivery
     * @param delayedRetries delayed retries in all; 0 when they are off (by configuration or at run time)
     * @param delayIncrement the n-th delayed retry waits n times this
     */
    record Limits(int immediateRetries, int delayedRetries, Duration delayIncrement) {
    }

    private Recoverability() {
    }

    /**
     * @param failedAttempts attempts of this delivery that failed so far, this one included (1 after the first failure)
     * @param delayedRetriesDone the incoming message's {@code NServiceBus.Retries}, 0 when absent
     */
    static Decision decide(Limits limits, int failedAttempts, int delayedRetriesDone, Throwable error,
                           boolean stopping) {
        if (error instanceof HandBackException || stopping) {
            return Decision.of(Action.HAND_BACK);
        }
        if (error instanceof PoisonMessageException) {
            return Decision.of(Action.MOVE_TO_ERROR);
        }
        if (failedAttempts <= limits.immediateRetries()) {
            return Decision.of(Action.IMMEDIATE_RETRY);
        }
        if (delayedRetriesDone < limits.delayedRetries()) {
            return new Decision(Action.DELAYED_RETRY, limits.delayIncrement().multipliedBy(delayedRetriesDone + 1L));
        }
        return Decision.of(Action.MOVE_TO_ERROR);
    }

    /** The delayed retries a message went through; a missing or garbled header counts as none. */
    static int delayedRetriesDone(String header) {
        if (header == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(header.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
