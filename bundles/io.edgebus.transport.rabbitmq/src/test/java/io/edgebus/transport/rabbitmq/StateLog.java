package io.edgebus.transport.rabbitmq;

import io.edgebus.api.transport.TransportEndpoint;
import io.edgebus.api.transport.TransportState;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Every state change an endpoint reported, with when. */
final class StateLog implements Consumer<TransportState> {
    record Change(TransportState state, long atNanos) {
    }

    private final List<Change> changes = new CopyOnWriteArrayList<>();

    static StateLog of(TransportEndpoint endpoint) {
        StateLog log = new StateLog();
        endpoint.onStateChange(log);
        return log;
    }

    @Override
    public void accept(TransportState state) {
        changes.add(new Change(state, System.nanoTime()));
    }

    List<Change> changes() {
        return List.copyOf(changes);
    }

    List<TransportState> states() {
        return changes.stream().map(Change::state).toList();
    }

    /** Milliseconds from the first {@code from} to the first {@code to} after it. */
    long millisBetween(TransportState from, TransportState to) {
        long start = -1;
        for (Change change : changes) {
            if (start < 0 && change.state() == from) {
                start = change.atNanos();
            } else if (start >= 0 && change.state() == to) {
                return TimeUnit.NANOSECONDS.toMillis(change.atNanos() - start);
            }
        }
        throw new AssertionError("no " + from + " followed by " + to + " in " + states());
    }
}
