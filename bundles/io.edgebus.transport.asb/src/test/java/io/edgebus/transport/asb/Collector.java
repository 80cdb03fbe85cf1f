package io.edgebus.transport.asb;

import io.edgebus.api.transport.IncomingMessage;
import io.edgebus.api.transport.MessageProcessor;
import io.edgebus.api.transport.ProcessResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A processor that keeps every message with the time it arrived; acks unless told otherwise. */
final class Collector implements MessageProcessor {
    record Received(IncomingMessage message, long atNanos) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Function<IncomingMessage, ProcessResult> decide;

    Collector() {
        this(m -> ProcessResult.ACK);
    }

    Collector(Function<IncomingMessage, ProcessResult> decide) {
        this.decide = decide;
    }

    @Override
    public ProcessResult process(IncomingMessage message) {
        received.add(new Received(message, System.nanoTime()));
        return decide.apply(message);
    }

    List<Received> await(int count, Duration timeout) {
        Waits.until(() -> received.size() >= count, timeout, count + " message(s), got " + received.size());
        return List.copyOf(received);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<String> bodies() {
        return received.stream().map(r -> Messages.body(r.message())).toList();
    }
}
