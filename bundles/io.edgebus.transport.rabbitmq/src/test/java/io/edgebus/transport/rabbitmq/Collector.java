package io.edgebus.transport.rabbitmq;

import io.edgebus.api.transport.IncomingMessage;
import io.edgebus.api.transport.MessageProcessor;
import io.edgebus.api.transport.ProcessResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A processor that acks and keeps every message, with the time it arrived. */
final class Collector implements MessageProcessor {
    record Received(IncomingMessage message, long atNanos) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();

    @Override
    public ProcessResult process(IncomingMessage message) {
        received.add(new Received(message, System.nanoTime()));
        return ProcessResult.ACK;
    }

    List<Received> await(int count, Duration timeout) {
        Broker.await(() -> received.size() >= count, timeout, count + " message(s), got " + received.size());
        return List.copyOf(received);
    }

    List<Received> received() {
        return List.copyOf(received);
    }
}
