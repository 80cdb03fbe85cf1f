package io.edgebus.itest.handler;

import io.edgebus.api.MessageContext;
import io.edgebus.api.MessageHandler;

/** Handles a Ping by sleeping its {@code workMillis} and sending nothing: an injected handler delay. */
public final class SlowHandler implements MessageHandler<Ping> {
    @Override
    public void handle(Ping message, MessageContext context) throws InterruptedException {
        Thread.sleep(message.workMillis());
    }
}
