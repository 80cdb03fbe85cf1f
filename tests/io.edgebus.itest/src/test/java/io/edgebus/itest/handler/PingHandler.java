package io.edgebus.itest.handler;

import io.edgebus.api.MessageContext;
import io.edgebus.api.MessageHandler;

public final class PingHandler implements MessageHandler<Ping> {
    public static final String RESULTS = Reporter.RESULTS;
    private final Reporter reporter;

    PingHandler(Reporter reporter) {
        this.reporter = reporter;
    }

    @Override
    public void handle(Ping message, MessageContext context) throws InterruptedException {
        reporter.handle(message.id(), message.workMillis(), context);
    }
}
