package io.edgebus.core.internal;

/**
 * What to do with a message whose processing failed: a pure decision, so it is tested without a
 * broker and carried out by {@link MessageProcessing}.
 */
final class Recoverability {
    enum Action { IMMEDIATE_RETRY, MOVE_TO_ERROR, HAND_BACK }

    private Recoverability() {
    }

    /**
     * @param immediateRetries configured immediate retries
     * @param failedAttempts attempts that failed so far, this one included (1 after the first failure)
     */
    static Action decide(int immediateRetries, int failedAttempts, Throwable error, boolean stopping) {
        if (error instanceof HandBackException || stopping) {
            return Action.HAND_BACK;
        }
        if (error instanceof PoisonMessageException) {
            return Action.MOVE_TO_ERROR;
        }
        return failedAttempts <= immediateRetries ? Action.IMMEDIATE_RETRY : Action.MOVE_TO_ERROR;
    }
}
