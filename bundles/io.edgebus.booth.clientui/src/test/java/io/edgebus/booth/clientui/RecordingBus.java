package io.edgebus.booth.clientui;

import io.edgebus.api.Bus;
import io.edgebus.api.EndpointState;
import io.edgebus.api.PublishOptions;
import io.edgebus.api.SendOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Bus that records what was sent, in order; thread-safe for the order loop. */
final class RecordingBus implements Bus {
    record SentMessage(Object message, SendOptions options) {
    }

    final List<SentMessage> sent = new CopyOnWriteArrayList<>();

    @Override
    public void send(Object message, SendOptions options) {
        sent.add(new SentMessage(message, options));
    }

    @Override
    public void publish(Object event, PublishOptions options) {
        throw new AssertionError("ClientUI publishes nothing");
    }

    @Override
    public String endpointName() {
        return "ClientUI";
    }

    @Override
    public EndpointState state() {
        return EndpointState.RUNNING;
    }
}
