package io.edgebus.itest.handler;

import io.edgebus.api.MessageContext;
import io.edgebus.api.MessageHandler;

public final class PingedHandler implements MessageHandler<Pinged> {
    private final Reporter reporter;

    PingedHandler(Reporter reporter) {
        this.reporter = reporter;
    }

    @Override
    public void handle(Pinged message, MessageContext context) throws InterruptedException {
        reporter.handle(message.id(), 0, context);
    }
}
