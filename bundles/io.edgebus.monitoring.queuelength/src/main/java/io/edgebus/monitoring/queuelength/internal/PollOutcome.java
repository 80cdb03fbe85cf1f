package io.edgebus.monitoring.queuelength.internal;

import java.time.Instant;
import java.util.List;

/** What one poll of the management API gave: the queue list, or a problem of some kind. */
sealed interface PollOutcome {

    /** The virtual host's queues as the API answered at {@code sampledAt}. */
    record Queues(List<QueueCounts> queues, Instant sampledAt) implements PollOutcome {
    }

    /**
     * The API could not be asked or refused. {@code kind} ({@code unreachable}, {@code unauthorized},
     * {@code not-found}, {@code http-<status>}, {@code bad-answer}) is what a change of state is judged by;
     * {@code text} says what to do about it and never contains the password.
     */
    record Problem(String kind, String text) implements PollOutcome {
    }
}
